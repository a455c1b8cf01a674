#include "services/privacy/public_id.hpp"

#include <array>
#include <cstdint>

namespace vp::services::privacy {

std::string randomPublicId(common::Random& random) {
    std::array<std::uint8_t, 16> bytes{};
    random.fill(bytes);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (auto b : bytes) {
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
    }
    return out;
}

bool wellFormedPublicId(std::string_view id) {
    return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace vp::services::privacy
