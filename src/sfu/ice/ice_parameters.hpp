#pragma once
// ICE parameters and candidates in the shape mediasoup-client consumes
// (`iceParameters`, `iceCandidates` of a WebRtcTransport).
#include <cstdint>
#include <string>

#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/net/socket_address.hpp"

namespace vp::sfu::ice {

// RFC 8445 section 5.3: ufrag >= 4 and password >= 22 ice-chars.
inline constexpr std::size_t kUfragLength = 16;
inline constexpr std::size_t kPasswordLength = 32;

struct IceParameters {
    std::string usernameFragment;
    std::string password;
    bool iceLite = true;

    friend bool operator==(const IceParameters&, const IceParameters&) = default;
};

// Fresh credentials from `random` (hex characters are valid ice-chars).
IceParameters generateIceParameters(common::Random& random);

// One candidate; mediasoup-client reads {foundation, priority, address (alias ip),
// protocol, port, type}. We offer UDP host candidates only (ICE-lite).
struct IceCandidate {
    std::string foundation;
    std::uint32_t priority = 0;
    std::string address;  // announced address, or the bound IP
    std::uint16_t port = 0;
    std::string protocol = "udp";
    std::string type = "host";

    friend bool operator==(const IceCandidate&, const IceCandidate&) = default;
};

// RFC 8445 section 5.1.2.1 for a host candidate of component 1; `localPreference`
// ranks several candidates of one transport (65535 = most preferred).
std::uint32_t hostCandidatePriority(std::uint16_t localPreference = 65535);

// The host candidate for a worker socket bound to `bound`. `announcedAddress` (an
// IP or host name reachable by browsers, for NAT/public deployments) replaces the
// bound IP when set; a wildcard bind without one is an error.
common::Result<IceCandidate> makeHostCandidate(const net::SocketAddress& bound,
                                               const std::string& announcedAddress,
                                               std::uint16_t localPreference = 65535);

}  // namespace vp::sfu::ice
