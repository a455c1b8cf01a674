#pragma once
// A ZIP archive built in memory (Debian's minizip over zlib), for "Download my data":
// the archive never touches the disk before it is stored in the database.
#include <memory>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::services::privacy {

class ZipWriter {
  public:
    // Refuses to grow past `maxBytes` ("export_too_large").
    explicit ZipWriter(std::size_t maxBytes);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // Adds a deflated file; `name` is a plain file name ("index.html").
    common::Status add(std::string_view name, std::string_view content);
    // Writes the central directory and returns the archive's bytes; the writer is
    // done afterwards.
    common::Result<std::string> finish();

    struct Buffer;

  private:
    std::unique_ptr<Buffer> buffer_;
    void* zip_ = nullptr;
};

}  // namespace vp::services::privacy
