#pragma once
// CodeHasher: the keyed hash under which one-time codes are stored (HMAC-SHA-256
// with a server key, libsodium). The hash binds purpose, target and code, so a
// stolen table reveals no code without the key, and a code for one purpose or
// target never verifies another.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/one_time_code.hpp"

namespace vp::services::codes {

inline constexpr std::size_t kCodeKeyBytes = 32;

class CodeHasher {
  public:
    // Fails ("codes.bad_key") unless the key has exactly kCodeKeyBytes bytes.
    static common::Result<CodeHasher> fromKey(std::span<const std::uint8_t> key);
    // Reads the key file, or creates it (mode 0600, random bytes) when it does not
    // exist. Refuses a file of the wrong size or one that others can read.
    static common::Result<CodeHasher> loadOrCreate(const std::filesystem::path& keyFile,
                                                   common::Random& random);

    // Lower-case hex of HMAC-SHA-256(key, purpose NUL target NUL code).
    std::string hash(domain::accounts::CodePurpose purpose, std::string_view target,
                     std::string_view code) const;

  private:
    CodeHasher() = default;
    std::array<std::uint8_t, kCodeKeyBytes> key_{};
};

}  // namespace vp::services::codes
