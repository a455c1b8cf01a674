#pragma once
// PasswordHasher (R-ACC-3): argon2id through libsodium's crypto_pwhash_str, with at
// least OWASP's minimum cost (19 MiB of memory, 2 passes, 1 lane). The stored string
// carries its parameters ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), so they can be
// raised later and old hashes still verify.
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::services::accounts {

struct PasswordParams {
    unsigned long long opsLimit = 2;       // argon2 passes (t)
    std::size_t memLimitBytes = 19 << 20;  // argon2 memory (m), bytes
};

inline constexpr unsigned long long kMinOpsLimit = 2;
inline constexpr std::size_t kMinMemLimitBytes = 19 << 20;
inline constexpr std::size_t kMinPasswordBytes = 8;
inline constexpr std::size_t kMaxPasswordBytes = 128;

// Errors: "weak_password" (shorter than 8 bytes), "invalid_password" (longer than
// 128 bytes or holding a NUL).
common::Status validatePassword(std::string_view password);

class PasswordHasher {
  public:
    // Fails ("accounts.weak_hash_params") below OWASP's minimum.
    static common::Result<PasswordHasher> create(PasswordParams params = {});

    // Errors: "accounts.hash_failed" (out of memory).
    common::Result<std::string> hash(std::string_view password) const;
    bool verify(std::string_view storedHash, std::string_view password) const;
    // Spends the time of one verification (for unknown accounts, so that timing
    // does not reveal whether an account exists).
    void spendVerificationTime(std::string_view password) const;

    const PasswordParams& params() const { return params_; }

  private:
    explicit PasswordHasher(PasswordParams params, std::string dummy)
        : params_(params), dummyHash_(std::move(dummy)) {}
    PasswordParams params_;
    std::string dummyHash_;
};

}  // namespace vp::services::accounts
