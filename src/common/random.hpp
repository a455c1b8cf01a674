#pragma once
// Random: the seam for unpredictability. SecureRandom draws from the kernel CSPRNG;
// tests can substitute a deterministic source.
#include <cstdint>
#include <span>
#include <string>

namespace vp::common {

class Random {
  public:
    virtual ~Random() = default;
    virtual void fill(std::span<std::uint8_t> out) = 0;

    std::uint64_t nextU64();
    // Uniform in [0, bound) without modulo bias. bound must be > 0.
    std::uint64_t uniform(std::uint64_t bound);
    // `bytes` random bytes, hex-encoded (2 × bytes characters).
    std::string hexToken(std::size_t bytes);
};

class SecureRandom final : public Random {
  public:
    void fill(std::span<std::uint8_t> out) override;
    static SecureRandom& instance();
};

}  // namespace vp::common
