#include "services/accounts/password_hasher.hpp"

#include <sodium.h>

#include <array>

namespace vp::services::accounts {

common::Status validatePassword(std::string_view password) {
    if (password.size() < kMinPasswordBytes) {
        return common::makeError("weak_password", "the password needs at least 8 characters");
    }
    if (password.size() > kMaxPasswordBytes || password.find('\0') != std::string_view::npos) {
        return common::makeError("invalid_password",
                                 "the password may have at most 128 bytes and no NUL character");
    }
    return {};
}

common::Result<PasswordHasher> PasswordHasher::create(PasswordParams params) {
    if (params.opsLimit < kMinOpsLimit || params.memLimitBytes < kMinMemLimitBytes) {
        return common::makeError("accounts.weak_hash_params",
                                 "argon2id needs at least 2 passes and 19 MiB (OWASP)");
    }
    if (sodium_init() < 0) {
        return common::makeError("accounts.hash_failed", "libsodium could not be initialised");
    }
    PasswordHasher probe(params, "");
    auto dummy = probe.hash("videopro-dummy-password");
    if (!dummy) {
        return dummy.error();
    }
    return PasswordHasher(params, std::move(*dummy));
}

common::Result<std::string> PasswordHasher::hash(std::string_view password) const {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params_.opsLimit,
                              params_.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return common::makeError("accounts.hash_failed",
                                 "not enough memory to hash the password; try again");
    }
    return std::string(out.data());
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) const {
    const std::string stored(storedHash);  // NUL-terminated for libsodium
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::spendVerificationTime(std::string_view password) const {
    (void)verify(dummyHash_, password);
}

}  // namespace vp::services::accounts
