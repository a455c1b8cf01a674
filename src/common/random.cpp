#include "common/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

namespace vp::common {

std::uint64_t Random::nextU64() {
    std::uint8_t bytes[8];
    fill(bytes);
    std::uint64_t v = 0;
    for (std::uint8_t b : bytes) {
        v = (v << 8) | b;
    }
    return v;
}

std::uint64_t Random::uniform(std::uint64_t bound) {
    // Reject the top partial range so every residue is equally likely.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
    std::uint64_t v = 0;
    do {
        v = nextU64();
    } while (v >= limit);
    return v % bound;
}

std::string Random::hexToken(std::size_t bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::vector<std::uint8_t> raw(bytes);
    fill(raw);
    std::string out;
    out.reserve(bytes * 2);
    for (std::uint8_t b : raw) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0xF]);
    }
    return out;
}

void SecureRandom::fill(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::abort();  // The kernel CSPRNG failing is not survivable.
        }
        done += static_cast<std::size_t>(n);
    }
}

SecureRandom& SecureRandom::instance() {
    static SecureRandom random;
    return random;
}

}  // namespace vp::common
