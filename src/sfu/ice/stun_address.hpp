#pragma once
// Conversions between the socket's address type and STUN's (XOR-)MAPPED-ADDRESS.
#include "sfu/net/socket_address.hpp"
#include "sfu/packet/stun_types.hpp"

namespace vp::sfu::ice {

inline packet::StunAddress toStunAddress(const net::SocketAddress& a) {
    packet::StunAddress s;
    s.family = a.isV4() ? packet::StunAddress::Family::V4 : packet::StunAddress::Family::V6;
    s.port = a.port();
    s.ip = a.ipBytes();
    return s;
}

inline net::SocketAddress toSocketAddress(const packet::StunAddress& s) {
    if (s.family == packet::StunAddress::Family::V4) {
        return net::SocketAddress::v4({s.ip[0], s.ip[1], s.ip[2], s.ip[3]}, s.port);
    }
    return net::SocketAddress::v6(s.ip, s.port);
}

}  // namespace vp::sfu::ice
