#include "sfu/ice/ice_parameters.hpp"

#include <algorithm>

namespace vp::sfu::ice {

IceParameters generateIceParameters(common::Random& random) {
    IceParameters p;
    p.usernameFragment = random.hexToken(kUfragLength / 2);
    p.password = random.hexToken(kPasswordLength / 2);
    p.iceLite = true;
    return p;
}

std::uint32_t hostCandidatePriority(std::uint16_t localPreference) {
    constexpr std::uint32_t kHostTypePreference = 126;
    constexpr std::uint32_t kComponentId = 1;
    return (kHostTypePreference << 24) | (std::uint32_t{localPreference} << 8) |
           (256 - kComponentId);
}

common::Result<IceCandidate> makeHostCandidate(const net::SocketAddress& bound,
                                               const std::string& announcedAddress,
                                               std::uint16_t localPreference) {
    const auto& ip = bound.ipBytes();
    const bool wildcard = std::all_of(ip.begin(), ip.begin() + static_cast<long>(bound.ipSize()),
                                      [](std::uint8_t b) { return b == 0; });
    if (announcedAddress.empty() && wildcard) {
        return common::makeError("ice.no_announced_address",
                                 "the media socket is bound to a wildcard address (" +
                                     bound.toString() +
                                     "); set an announced IP that browsers can reach");
    }
    IceCandidate c;
    c.foundation = "udp" + std::to_string(localPreference);
    c.priority = hostCandidatePriority(localPreference);
    c.address = announcedAddress.empty() ? bound.ipString() : announcedAddress;
    c.port = bound.port();
    return c;
}

}  // namespace vp::sfu::ice
