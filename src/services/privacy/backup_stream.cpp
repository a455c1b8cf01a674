#include "services/privacy/backup_stream.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace vp::services::privacy {
namespace {

constexpr std::string_view kMagic = "VPBAK01\n";

const unsigned char* magicBytes() {
    return reinterpret_cast<const unsigned char*>(kMagic.data());
}

common::Error corrupt(const std::string& what) {
    return {
        "backup.corrupt",
        "the backup is damaged, was edited, or was made with another backup key (" + what + ")"};
}

bool readExactly(std::FILE* f, void* into, std::size_t n) {
    return n == 0 || std::fread(into, 1, n, f) == n;
}

}  // namespace

common::Result<BackupStreamWriter> BackupStreamWriter::create(const std::string& path,
                                                              std::span<const std::uint8_t> key) {
    if (key.size() != kBackupKeyBytes || sodium_init() < 0) {
        return common::makeError("backup.bad_key", "the backup key must have 32 bytes");
    }
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        return common::makeError("backup.exists", "a backup named " + path + " exists already");
    }
    const std::string part = path + ".part";
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return common::makeError("backup.io", "cannot create " + part);
    }
    BackupStreamWriter w;
    w.path_ = path;
    w.file_.reset(::fdopen(fd, "wb"));
    if (!w.file_) {
        ::close(fd);
        return common::makeError("backup.io", "cannot open " + part);
    }
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
    crypto_secretstream_xchacha20poly1305_init_push(&w.state_, header.data(), key.data());
    if (std::fwrite(kMagic.data(), 1, kMagic.size(), w.file_.get()) != kMagic.size() ||
        std::fwrite(header.data(), 1, header.size(), w.file_.get()) != header.size()) {
        return common::makeError("backup.io", "cannot write " + part);
    }
    return w;
}

BackupStreamWriter::~BackupStreamWriter() {
    if (file_ && !finished_) {
        file_.reset();
        std::error_code ec;
        std::filesystem::remove(path_ + ".part", ec);
    }
}

common::Status BackupStreamWriter::writeLine(std::string_view line) {
    constexpr std::size_t kChunkTarget = std::size_t{1} << 20;
    if (!buffer_.empty() && buffer_.size() + line.size() + 1 > kChunkTarget) {
        if (auto pushed = push(false); !pushed) {
            return pushed;
        }
    }
    if (line.size() + 1 > kMaxBackupChunkBytes) {
        return common::makeError("backup.too_large", "a row is larger than a backup chunk");
    }
    buffer_.append(line);
    buffer_.push_back('\n');
    return {};
}

common::Status BackupStreamWriter::flush() {
    return buffer_.empty() ? common::Status{} : push(false);
}

common::Status BackupStreamWriter::push(bool final) {
    std::vector<unsigned char> out(buffer_.size() + crypto_secretstream_xchacha20poly1305_ABYTES);
    unsigned long long length = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state_, out.data(), &length, reinterpret_cast<const unsigned char*>(buffer_.data()),
        buffer_.size(), magicBytes(), kMagic.size(),
        final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    const std::uint32_t n = static_cast<std::uint32_t>(length);
    const unsigned char size[4] = {
        static_cast<unsigned char>(n >> 24), static_cast<unsigned char>(n >> 16),
        static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n)};
    buffer_.clear();
    if (std::fwrite(size, 1, 4, file_.get()) != 4 ||
        std::fwrite(out.data(), 1, length, file_.get()) != length) {
        return common::makeError("backup.io", "cannot write " + path_ + ".part");
    }
    return {};
}

common::Status BackupStreamWriter::finish() {
    if (auto pushed = push(true); !pushed) {
        return pushed;
    }
    if (std::fflush(file_.get()) != 0 || ::fsync(::fileno(file_.get())) != 0) {
        return common::makeError("backup.io", "cannot write " + path_ + ".part");
    }
    file_.reset();
    std::error_code ec;
    std::filesystem::rename(path_ + ".part", path_, ec);
    if (ec) {
        return common::makeError("backup.io", "cannot rename the backup to " + path_);
    }
    finished_ = true;
    return {};
}

common::Result<BackupStreamReader> BackupStreamReader::open(const std::string& path,
                                                            std::span<const std::uint8_t> key) {
    if (key.size() != kBackupKeyBytes || sodium_init() < 0) {
        return common::makeError("backup.bad_key", "the backup key must have 32 bytes");
    }
    BackupStreamReader r;
    r.file_.reset(std::fopen(path.c_str(), "rb"));
    if (!r.file_) {
        return common::makeError("backup.io", "cannot read " + path);
    }
    std::array<char, kMagic.size()> magic{};
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
    if (!readExactly(r.file_.get(), magic.data(), magic.size()) ||
        std::string_view(magic.data(), magic.size()) != kMagic) {
        return common::makeError("backup.not_a_backup", path + " is not a VideoPro backup");
    }
    if (!readExactly(r.file_.get(), header.data(), header.size())) {
        return common::makeError("backup.truncated", "the backup " + path + " is truncated");
    }
    if (crypto_secretstream_xchacha20poly1305_init_pull(&r.state_, header.data(), key.data()) !=
        0) {
        return corrupt("header");
    }
    return r;
}

common::Status BackupStreamReader::pullChunk() {
    unsigned char size[4];
    const std::size_t got = std::fread(size, 1, 4, file_.get());
    if (got == 0 && std::feof(file_.get())) {
        return common::makeError("backup.truncated",
                                 "the backup ends before its last chunk: it is truncated");
    }
    if (got != 4) {
        return common::makeError("backup.truncated", "the backup is truncated");
    }
    const std::size_t n = (std::size_t{size[0]} << 24) | (std::size_t{size[1]} << 16) |
                          (std::size_t{size[2]} << 8) | std::size_t{size[3]};
    if (n < crypto_secretstream_xchacha20poly1305_ABYTES ||
        n > kMaxBackupChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES) {
        return corrupt("chunk length");
    }
    std::vector<unsigned char> cipher(n);
    if (!readExactly(file_.get(), cipher.data(), n)) {
        return common::makeError("backup.truncated", "the backup is truncated inside a chunk");
    }
    std::string plain(n - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &state_, reinterpret_cast<unsigned char*>(plain.data()), &length, &tag, cipher.data(),
            n, magicBytes(), kMagic.size()) != 0) {
        return corrupt("a chunk does not authenticate");
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        ended_ = true;
        if (std::fgetc(file_.get()) != EOF) {
            return corrupt("bytes after the end");
        }
    }
    std::size_t start = 0;
    for (std::size_t i = 0; i < length; ++i) {
        if (plain[i] == '\n') {
            lines_.push_back(plain.substr(start, i - start));
            start = i + 1;
        }
    }
    if (start != length) {
        return corrupt("a chunk ends inside a line");
    }
    return {};
}

common::Result<std::optional<std::string>> BackupStreamReader::nextLine() {
    while (lines_.empty()) {
        if (ended_) {
            return std::optional<std::string>{};
        }
        if (auto pulled = pullChunk(); !pulled) {
            return pulled.error();
        }
    }
    std::optional<std::string> line = std::move(lines_.front());
    lines_.pop_front();
    return line;
}

}  // namespace vp::services::privacy
