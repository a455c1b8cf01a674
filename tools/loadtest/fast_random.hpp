#pragma once
// FastRandom: a seeded xoshiro256** generator behind common::Random, for the
// load client's synthetic sizes and injected loss (reproducible with --seed,
// cheap per packet). Never for secrets: ICE credentials use SecureRandom.
#include <array>
#include <cstdint>
#include <cstring>

#include "common/random.hpp"

namespace vp::tools::loadtest {

class FastRandom final : public common::Random {
  public:
    explicit FastRandom(std::uint64_t seed) {
        for (auto& word : state_) {  // splitmix64 expands the seed
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }

    void fill(std::span<std::uint8_t> out) override {
        std::size_t i = 0;
        while (i < out.size()) {
            const std::uint64_t word = next();
            const std::size_t n = std::min<std::size_t>(8, out.size() - i);
            std::memcpy(out.data() + i, &word, n);
            i += n;
        }
    }

    // Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // True with probability percent / 100.
    bool chance(double percent) { return percent > 0 && unit() * 100.0 < percent; }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }
    std::array<std::uint64_t, 4> state_{};
};

}  // namespace vp::tools::loadtest
