#include "services/codes/code_hasher.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace vp::services::codes {
namespace {

common::Error keyError(const std::filesystem::path& path, const std::string& what) {
    return common::makeError("codes.bad_key",
                             "one-time code key file '" + path.string() + "': " + what);
}

common::Result<std::vector<std::uint8_t>> readKey(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return keyError(path, std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
        ::close(fd);
        return keyError(path, "readable by others; chmod 600 it");
    }
    std::vector<std::uint8_t> key(kCodeKeyBytes + 1);
    const auto n = ::read(fd, key.data(), key.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(kCodeKeyBytes)) {
        return keyError(path,
                        "must hold exactly 32 bytes; delete it to have a new one made "
                        "(codes issued before stop working)");
    }
    key.resize(kCodeKeyBytes);
    return key;
}

common::Status createKey(const std::filesystem::path& path, common::Random& random) {
    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return keyError(path, std::string("cannot create: ") + std::strerror(errno));
    }
    std::array<std::uint8_t, kCodeKeyBytes> key{};
    random.fill(key);
    const auto n = ::write(fd, key.data(), key.size());
    sodium_memzero(key.data(), key.size());
    if (n != static_cast<ssize_t>(key.size()) || ::fsync(fd) != 0) {
        ::close(fd);
        return keyError(path, "cannot write");
    }
    ::close(fd);
    return {};
}

}  // namespace

common::Result<CodeHasher> CodeHasher::fromKey(std::span<const std::uint8_t> key) {
    if (key.size() != kCodeKeyBytes) {
        return common::makeError("codes.bad_key", "the one-time code key must have 32 bytes");
    }
    if (sodium_init() < 0) {
        return common::makeError("codes.bad_key", "libsodium could not be initialised");
    }
    CodeHasher hasher;
    std::copy(key.begin(), key.end(), hasher.key_.begin());
    return hasher;
}

common::Result<CodeHasher> CodeHasher::loadOrCreate(const std::filesystem::path& keyFile,
                                                    common::Random& random) {
    std::error_code ec;
    if (!std::filesystem::exists(keyFile, ec)) {
        if (auto created = createKey(keyFile, random); !created) {
            return created.error();
        }
    }
    auto key = readKey(keyFile);
    if (!key) {
        return key.error();
    }
    auto hasher = fromKey(*key);
    sodium_memzero(key->data(), key->size());
    return hasher;
}

std::string CodeHasher::hash(domain::accounts::CodePurpose purpose, std::string_view target,
                             std::string_view code) const {
    std::string input(domain::accounts::toString(purpose));
    input.push_back('\0');
    input.append(target);
    input.push_back('\0');
    input.append(code);
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(input.data()),
                           input.size(), key_.data());
    std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string(hex.data(), mac.size() * 2);
}

}  // namespace vp::services::codes
