#pragma once
// IceClient: a minimal controlling ICE agent towards one ICE-lite server, for
// tests and the load client. It sends binding requests (USERNAME, PRIORITY,
// ICE-CONTROLLING, optional USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT),
// retransmits them with a doubling timeout and validates the answer.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/net/socket_address.hpp"
#include "sfu/packet/stun_message.hpp"

namespace vp::sfu::ice {

struct IceClientOptions {
    std::string localUfrag;  // ours
    std::string localPassword;
    std::string remoteUfrag;  // the server's iceParameters
    std::string remotePassword;
    std::uint32_t priority = 0x6E00'1EFF;  // peer-reflexive preference
    std::chrono::milliseconds initialRto{100};
    unsigned maxTransmissions = 7;  // RFC 8489 Rc
};

enum class IceClientState { Idle, Checking, Succeeded, Failed };

class IceClient {
  public:
    using SendFn = std::function<void(std::span<const std::uint8_t>)>;

    IceClient(IceClientOptions options, SendFn send, const common::Clock& clock,
              common::Random& random);

    // Starts a new check (a new transaction replaces any outstanding one).
    common::Status sendCheck(bool useCandidate);
    // Retransmits when due; after maxTransmissions the check fails.
    void tick();
    // Consumes a response to the outstanding transaction; false if not ours.
    bool handleResponse(const packet::StunMessageView& message);

    IceClientState state() const { return state_; }
    // Our address as the server saw it (XOR-MAPPED-ADDRESS of the last success).
    std::optional<net::SocketAddress> mappedAddress() const { return mapped_; }
    // The error code of the last failed check (0: a timeout or a bad response).
    std::uint16_t lastErrorCode() const { return lastErrorCode_; }
    unsigned transmissions() const { return transmissions_; }
    // When tick() next has work, if a check is outstanding.
    std::optional<std::chrono::steady_clock::time_point> nextTimeout() const;

    void setRemoteCredentials(std::string ufrag, std::string password);

  private:
    common::Status transmit();
    void fail(std::uint16_t code);

    IceClientOptions options_;
    SendFn send_;
    const common::Clock& clock_;
    common::Random& random_;
    std::uint64_t tieBreaker_;
    IceClientState state_ = IceClientState::Idle;
    std::array<std::uint8_t, 12> transactionId_{};
    bool useCandidate_ = false;
    unsigned transmissions_ = 0;
    std::chrono::steady_clock::time_point nextRetransmit_{};
    std::chrono::milliseconds rto_{0};
    std::optional<net::SocketAddress> mapped_;
    std::uint16_t lastErrorCode_ = 0;
    std::array<std::uint8_t, 256> buffer_{};
};

}  // namespace vp::sfu::ice
