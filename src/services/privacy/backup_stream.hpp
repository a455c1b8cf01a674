#pragma once
// The encrypted container of a backup (R-PRIV-7): lines of text, encrypted and
// authenticated with libsodium's secretstream (XChaCha20-Poly1305) under the backup key.
//   file  = magic "VPBAK01\n" | secretstream header (24 bytes) | chunk*
//   chunk = ciphertext length (4 bytes, big-endian) | ciphertext (whole lines + 17 bytes)
// The last chunk carries the FINAL tag, so a truncated file (even cut at a chunk
// boundary), an edited, reordered or appended one is refused by the reader.
#include <array>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <sodium.h>

#include "common/result.hpp"

namespace vp::services::privacy {

inline constexpr std::size_t kBackupKeyBytes = 32;
// A chunk holds whole lines; one line (a row with a 64 MiB export archive in base64)
// may make it this large, never larger.
inline constexpr std::size_t kMaxBackupChunkBytes = std::size_t{128} << 20;

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f != nullptr) {
            std::fclose(f);
        }
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

class BackupStreamWriter {
  public:
    // Writes to `path` + ".part" (mode 0600, refused if `path` exists); finish()
    // renames it to `path`. A writer destroyed unfinished removes its file.
    static common::Result<BackupStreamWriter> create(const std::string& path,
                                                     std::span<const std::uint8_t> key);
    BackupStreamWriter(BackupStreamWriter&&) noexcept = default;
    BackupStreamWriter& operator=(BackupStreamWriter&&) = delete;
    ~BackupStreamWriter();

    // `line` must not contain '\n'.
    common::Status writeLine(std::string_view line);
    // Ends the current chunk (the backup ends one after each table).
    common::Status flush();
    common::Status finish();

  private:
    BackupStreamWriter() = default;
    common::Status push(bool final);

    std::string path_;
    FilePtr file_;
    crypto_secretstream_xchacha20poly1305_state state_{};
    std::string buffer_;
    bool finished_ = false;
};

class BackupStreamReader {
  public:
    // "backup.not_a_backup" for another kind of file, "backup.corrupt" for a header
    // that does not open under the key.
    static common::Result<BackupStreamReader> open(const std::string& path,
                                                   std::span<const std::uint8_t> key);

    // The next line; nullopt after the authenticated end. "backup.truncated" when
    // the file ends before it, "backup.corrupt" for edited or foreign bytes.
    common::Result<std::optional<std::string>> nextLine();

  private:
    BackupStreamReader() = default;
    common::Status pullChunk();

    FilePtr file_;
    crypto_secretstream_xchacha20poly1305_state state_{};
    std::deque<std::string> lines_;
    bool ended_ = false;
};

}  // namespace vp::services::privacy
