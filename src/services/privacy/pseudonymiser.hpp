#pragma once
// Keyed pseudonyms (R-PRIV-5, R-PRIV-7): HMAC-SHA-256 under a server key, never a bare
// hash, so that nobody without the key can confirm a guess ("was this alice?") by
// hashing candidates. The same (scope, value) always gives the same pseudonym, so
// anonymised records of one person stay countable together.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::services::privacy {

inline constexpr std::size_t kPseudonymKeyBytes = 32;

class Pseudonymiser {
  public:
    // "privacy.bad_key" unless the key has exactly kPseudonymKeyBytes bytes.
    static common::Result<Pseudonymiser> fromKey(std::span<const std::uint8_t> key);

    // "anon-" + the first 16 hex digits of HMAC-SHA-256(key, scope NUL value).
    std::string pseudonym(std::string_view scope, std::string_view value) const;

  private:
    Pseudonymiser() = default;
    std::array<std::uint8_t, kPseudonymKeyBytes> key_{};
};

}  // namespace vp::services::privacy
