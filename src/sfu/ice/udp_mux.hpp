#pragma once
// UdpMux: one worker socket, many WebRTC transports. A STUN binding request is
// routed by the local ufrag (USERNAME up to ':'); every other datagram (DTLS, RTP,
// RTCP per RFC 7983, STUN indications/responses) by its source address, once the
// transport's IceServer validated that address. Unknown sources are dropped and
// counted. A Binding request without USERNAME goes to the PlainBindingResponder
// when one is set (STUN server behaviour), else counts as malformed. Touched by
// its worker thread only.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "sfu/net/socket_address.hpp"
#include "sfu/packet/demux.hpp"
#include "sfu/packet/stun_message.hpp"

namespace vp::sfu::ice {

// The receiving end of one transport. Both calls happen on the worker thread;
// `data` and `message` are valid only during the call.
class MuxedTransport {
  public:
    virtual void receiveStun(const packet::StunMessageView& message,
                             const net::SocketAddress& from) = 0;
    virtual void receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind kind,
                                 const net::SocketAddress& from) = 0;

  protected:
    ~MuxedTransport() = default;
};

struct UdpMuxOptions {
    std::size_t maxTransports = 10'000;
    std::size_t maxAddressesPerTransport = 8;
};

struct UdpMuxStats {
    std::uint64_t routedByUfrag = 0;
    std::uint64_t routedByAddress = 0;
    std::uint64_t droppedUnknownUfrag = 0;
    std::uint64_t droppedUnknownSource = 0;
    std::uint64_t droppedMalformed = 0;      // unclassifiable bytes or broken STUN
    std::uint64_t droppedMalformedStun = 0;  // of droppedMalformed: the broken STUN
    std::uint64_t plainBindingAnswered = 0;  // Binding requests without USERNAME answered
    std::uint64_t plainBindingLimited = 0;   // ... refused by the rate limit (dropped)
};

class PlainBindingResponder;

class UdpMux {
  public:
    explicit UdpMux(UdpMuxOptions options = {});

    // A transport's local ufrag; one ufrag belongs to one transport.
    common::Status addUfrag(const std::string& ufrag, MuxedTransport& transport);
    void removeUfrag(std::string_view ufrag);
    // A remote address validated by the transport's ICE check. An address moves to
    // the transport that validated it last.
    common::Status addAddress(const net::SocketAddress& address, MuxedTransport& transport);
    void removeAddress(const net::SocketAddress& address, MuxedTransport& transport);
    // Forgets every ufrag and address of the transport (call before destroying it).
    void removeTransport(MuxedTransport& transport);

    void route(std::span<const std::uint8_t> datagram, const net::SocketAddress& from);
    // Answers plain Binding requests from now on (nullptr: count them as malformed).
    void setPlainBindingResponder(PlainBindingResponder* responder) { plainBinding_ = responder; }

    const UdpMuxStats& stats() const { return stats_; }
    std::size_t transportCount() const { return transports_.size(); }
    std::size_t addressCount() const { return byAddress_.size(); }

  private:
    struct Routes {
        std::vector<std::string> ufrags;
        std::vector<net::SocketAddress> addresses;
    };

    void routeStun(std::span<const std::uint8_t> datagram, const net::SocketAddress& from);
    MuxedTransport* findByAddress(const net::SocketAddress& from) const;
    Routes* routesOf(MuxedTransport& transport);

    // Lets find() take a string_view: no allocation per routed STUN request.
    struct UfragHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    UdpMuxOptions options_;
    std::unordered_map<std::string, MuxedTransport*, UfragHash, std::equal_to<>> byUfrag_;
    std::unordered_map<net::SocketAddress, MuxedTransport*, net::SocketAddressHash> byAddress_;
    std::unordered_map<MuxedTransport*, Routes> transports_;
    UdpMuxStats stats_;
    PlainBindingResponder* plainBinding_ = nullptr;
};

}  // namespace vp::sfu::ice
