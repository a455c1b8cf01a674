#include "services/privacy/zip_writer.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <ctime>

namespace vp::services::privacy {

// The in-memory "file" minizip writes to through its I/O callbacks.
struct ZipWriter::Buffer {
    std::string bytes;
    std::size_t position = 0;
    std::size_t maxBytes = 0;
    bool overflow = false;
};

namespace {

using Buffer = ZipWriter::Buffer;

voidpf openBuffer(voidpf opaque, const void*, int) {
    return opaque;
}

uLong readBuffer(voidpf, voidpf stream, void* buf, uLong size) {
    auto* b = static_cast<Buffer*>(stream);
    const std::size_t n = std::min<std::size_t>(size, b->bytes.size() - b->position);
    std::memcpy(buf, b->bytes.data() + b->position, n);
    b->position += n;
    return static_cast<uLong>(n);
}

uLong writeBuffer(voidpf, voidpf stream, const void* buf, uLong size) {
    auto* b = static_cast<Buffer*>(stream);
    if (b->position + size > b->maxBytes) {
        b->overflow = true;
        return 0;
    }
    if (b->position + size > b->bytes.size()) {
        b->bytes.resize(b->position + size);
    }
    std::memcpy(b->bytes.data() + b->position, buf, size);
    b->position += size;
    return size;
}

ZPOS64_T tellBuffer(voidpf, voidpf stream) {
    return static_cast<Buffer*>(stream)->position;
}

long seekBuffer(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* b = static_cast<Buffer*>(stream);
    std::size_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR) {
        base = b->position;
    } else if (origin == ZLIB_FILEFUNC_SEEK_END) {
        base = b->bytes.size();
    }
    if (base + offset > b->bytes.size()) {
        return -1;
    }
    b->position = base + offset;
    return 0;
}

int closeBuffer(voidpf, voidpf) {
    return 0;
}

int errorBuffer(voidpf, voidpf stream) {
    return static_cast<Buffer*>(stream)->overflow ? 1 : 0;
}

common::Error tooLarge() {
    return common::makeError("export_too_large", "the archive grew past its size limit");
}

}  // namespace

ZipWriter::ZipWriter(std::size_t maxBytes) : buffer_(std::make_unique<Buffer>()) {
    buffer_->maxBytes = maxBytes;
    zlib_filefunc64_def io{};
    io.zopen64_file = openBuffer;
    io.zread_file = readBuffer;
    io.zwrite_file = writeBuffer;
    io.ztell64_file = tellBuffer;
    io.zseek64_file = seekBuffer;
    io.zclose_file = closeBuffer;
    io.zerror_file = errorBuffer;
    io.opaque = buffer_.get();
    zip_ = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
}

ZipWriter::~ZipWriter() {
    if (zip_ != nullptr) {
        zipClose(zip_, nullptr);
    }
}

common::Status ZipWriter::add(std::string_view name, std::string_view content) {
    if (zip_ == nullptr) {
        return common::makeError("export_failed", "the archive is not open");
    }
    zip_fileinfo info{};
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    info.tmz_date = {static_cast<uInt>(utc.tm_sec),  static_cast<uInt>(utc.tm_min),
                     static_cast<uInt>(utc.tm_hour), static_cast<uInt>(utc.tm_mday),
                     static_cast<uInt>(utc.tm_mon),  static_cast<uInt>(utc.tm_year + 1900)};
    const std::string fileName(name);
    if (zipOpenNewFileInZip64(zip_, fileName.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                              Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) != ZIP_OK) {
        return buffer_->overflow ? common::Status{tooLarge()}
                                 : common::makeError("export_failed", "cannot add " + fileName);
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const auto chunk =
            static_cast<unsigned>(std::min<std::size_t>(content.size() - done, 1U << 20));
        if (zipWriteInFileInZip(zip_, content.data() + done, chunk) != ZIP_OK) {
            zipCloseFileInZip(zip_);
            return buffer_->overflow
                       ? common::Status{tooLarge()}
                       : common::makeError("export_failed", "cannot write " + fileName);
        }
        done += chunk;
    }
    if (zipCloseFileInZip(zip_) != ZIP_OK) {
        return buffer_->overflow ? common::Status{tooLarge()}
                                 : common::makeError("export_failed", "cannot close " + fileName);
    }
    return {};
}

common::Result<std::string> ZipWriter::finish() {
    if (zip_ == nullptr) {
        return common::makeError("export_failed", "the archive is not open");
    }
    const int closed = zipClose(zip_, nullptr);
    zip_ = nullptr;
    if (closed != ZIP_OK || buffer_->overflow) {
        return buffer_->overflow ? tooLarge()
                                 : common::makeError("export_failed", "cannot finish the archive");
    }
    return std::move(buffer_->bytes);
}

}  // namespace vp::services::privacy
