#pragma once
// Answers plain STUN Binding requests (no USERNAME, no credentials) on a media
// port as a STUN server does (RFC 5389 section 7.3.1): a success response with
// XOR-MAPPED-ADDRESS (the request's source) and FINGERPRINT, no integrity. A
// browser given iceServers [{urls: "stun:<host>:<port>"}] learns its
// server-reflexive address this way: the meeting pre-join network check.
//
// Rate-limited per source IP (any port) with a token bucket, and bounded in the
// number of IPs it remembers, so the port cannot be used to reflect floods;
// the response is barely larger than the request. Worker thread only.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>

#include "common/clock.hpp"
#include "sfu/net/socket_address.hpp"
#include "sfu/packet/stun_message.hpp"

namespace vp::sfu::ice {

struct PlainBindingOptions {
    double ratePerSecond = 5;  // sustained answers per source IP
    double burst = 10;         // answers a source IP may get at once
    std::size_t maxSources = 4096;
};

class PlainBindingResponder {
  public:
    using SendTo = std::function<void(std::span<const std::uint8_t>, const net::SocketAddress&)>;

    PlainBindingResponder(const common::Clock& clock, SendTo sendTo,
                          PlainBindingOptions options = {});

    // A Binding request without USERNAME from `from`: true when answered,
    // false when the source is over its rate (or too many sources are active).
    bool answer(const packet::StunMessageView& request, const net::SocketAddress& from);

    std::size_t sourceCount() const { return buckets_.size(); }

  private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point refilled{};
    };
    struct IpHash {
        std::size_t operator()(const std::array<std::uint8_t, 16>& ip) const;
    };

    bool take(const net::SocketAddress& from, std::chrono::steady_clock::time_point now);
    void forgetIdle(std::chrono::steady_clock::time_point now);

    const common::Clock& clock_;
    SendTo sendTo_;
    PlainBindingOptions options_;
    std::unordered_map<std::array<std::uint8_t, 16>, Bucket, IpHash> buckets_;
    std::array<std::uint8_t, 128> response_{};
};

}  // namespace vp::sfu::ice
