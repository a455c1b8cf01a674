#pragma once
// SrtpKeys: what a finished DTLS-SRTP handshake hands to the SRTP layer.
#include <cstdint>
#include <vector>

#include "sfu/srtp/srtp_profile.hpp"

namespace vp::sfu::dtls {

struct SrtpKeys {
    srtp::SrtpProfile profile;
    std::vector<std::uint8_t> localKeyAndSalt;   // protects what we send (outbound session)
    std::vector<std::uint8_t> remoteKeyAndSalt;  // unprotects what we receive (inbound session)
};

}  // namespace vp::sfu::dtls
