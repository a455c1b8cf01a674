#pragma once
// IceServer: the ICE-lite agent of one transport (RFC 8445 section 2.5, RFC 8489,
// consent freshness per RFC 7675). It answers binding requests, remembers the
// validated remote addresses (tuples), follows the peer's nomination and declares
// the transport disconnected when the selected tuple stays silent too long.
// Touched by its worker thread only. Callbacks must not destroy the server.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "sfu/ice/ice_parameters.hpp"
#include "sfu/net/socket_address.hpp"
#include "sfu/packet/stun_message.hpp"

namespace vp::sfu::ice {

enum class IceState { New, Connected, Completed, Disconnected };
std::string_view toString(IceState state);

struct IceServerOptions {
    std::chrono::milliseconds consentTimeout{30'000};  // RFC 7675: 30 s
    std::size_t maxTuples = 8;                         // validated remote addresses kept
};

struct IceServerEvents {
    // Sends a STUN response to a remote address (through the worker's socket).
    std::function<void(std::span<const std::uint8_t>, const net::SocketAddress&)> sendTo;
    std::function<void(IceState)> onStateChanged;
    std::function<void(const std::optional<net::SocketAddress>&)> onSelectedTupleChanged;
    // A remote address passed a check / was forgotten: the owner keeps the UdpMux
    // address routes in step with these.
    std::function<void(const net::SocketAddress&)> onTupleAdded;
    std::function<void(const net::SocketAddress&)> onTupleRemoved;
};

// What handleStun did with a message (also counted in IceServerStats).
enum class StunVerdict {
    Accepted,  // success response sent
    Rejected,  // error response sent (400, 401 or 487)
    Dropped,   // silently discarded (not a binding request, bad FINGERPRINT)
};

struct IceServerStats {
    std::uint64_t accepted = 0;
    std::uint64_t badRequest = 0;    // 400: missing USERNAME/MESSAGE-INTEGRITY/role/PRIORITY
    std::uint64_t unauthorized = 0;  // 401: unknown username or wrong integrity
    std::uint64_t roleConflict = 0;  // 487: the peer also claims the controlled role
    std::uint64_t dropped = 0;
};

class IceServer {
  public:
    IceServer(IceParameters local, IceServerOptions options, IceServerEvents events,
              const common::Clock& clock);

    StunVerdict handleStun(const packet::StunMessageView& message, const net::SocketAddress& from);
    // Consent freshness; call about once a second from the worker's timer.
    void checkConsent();
    // ICE restart: new local credentials take effect at once (the owner moves the
    // UdpMux ufrag route); the selected tuple keeps carrying media meanwhile.
    void restart(IceParameters local);

    const IceParameters& localParameters() const { return local_; }
    IceState state() const { return state_; }
    std::optional<net::SocketAddress> selectedTuple() const;
    std::vector<net::SocketAddress> tuples() const;
    const IceServerStats& stats() const { return stats_; }

  private:
    struct Tuple {
        net::SocketAddress address;
        std::chrono::steady_clock::time_point lastConsent;
    };

    // Returns the verdict for a request that failed a check, or nullopt if valid.
    std::optional<StunVerdict> validate(const packet::StunMessageView& message,
                                        const net::SocketAddress& from);
    void reject(const packet::StunMessageView& message, const net::SocketAddress& from,
                std::uint16_t code, std::string_view reason, bool authenticated);
    void respondSuccess(const packet::StunMessageView& message, const net::SocketAddress& from);
    // Adds or refreshes the tuple of `from`; returns its index.
    std::size_t refreshTuple(const net::SocketAddress& from);
    void evictOneTuple();
    void removeTupleAt(std::size_t index);
    void select(std::optional<std::size_t> index);
    void setState(IceState state);

    IceParameters local_;
    IceServerOptions options_;
    IceServerEvents events_;
    const common::Clock& clock_;
    IceState state_ = IceState::New;
    std::vector<Tuple> tuples_;
    std::optional<net::SocketAddress> selected_;
    IceServerStats stats_;
    std::array<std::uint8_t, 512> response_{};
};

}  // namespace vp::sfu::ice
