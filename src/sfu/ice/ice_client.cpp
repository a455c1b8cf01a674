#include "sfu/ice/ice_client.hpp"

#include <algorithm>

#include "sfu/ice/stun_address.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::ice {

IceClient::IceClient(IceClientOptions options, SendFn send, const common::Clock& clock,
                     common::Random& random)
    : options_(std::move(options)),
      send_(std::move(send)),
      clock_(clock),
      random_(random),
      tieBreaker_(random.nextU64()) {}

void IceClient::setRemoteCredentials(std::string ufrag, std::string password) {
    options_.remoteUfrag = std::move(ufrag);
    options_.remotePassword = std::move(password);
}

common::Status IceClient::sendCheck(bool useCandidate) {
    random_.fill(transactionId_);
    useCandidate_ = useCandidate;
    transmissions_ = 0;
    rto_ = options_.initialRto;
    state_ = IceClientState::Checking;
    return transmit();
}

common::Status IceClient::transmit() {
    const std::string username = options_.remoteUfrag + ":" + options_.localUfrag;
    packet::StunBindingRequest request;
    request.transactionId = transactionId_;
    request.username = username;
    request.priority = options_.priority;
    request.controlling = true;
    request.tieBreaker = tieBreaker_;
    request.useCandidate = useCandidate_;
    request.password =
        packet::Bytes(reinterpret_cast<const std::uint8_t*>(options_.remotePassword.data()),
                      options_.remotePassword.size());
    auto size = packet::writeBindingRequest(buffer_, request);
    if (!size) {
        fail(0);
        return size.error();
    }
    ++transmissions_;
    nextRetransmit_ = clock_.steadyNow() + rto_;
    rto_ *= 2;
    send_(std::span<const std::uint8_t>(buffer_.data(), *size));
    return {};
}

void IceClient::tick() {
    if (state_ != IceClientState::Checking || clock_.steadyNow() < nextRetransmit_) {
        return;
    }
    if (transmissions_ >= options_.maxTransmissions) {
        fail(0);
        return;
    }
    (void)transmit();
}

std::optional<std::chrono::steady_clock::time_point> IceClient::nextTimeout() const {
    if (state_ != IceClientState::Checking) {
        return std::nullopt;
    }
    return nextRetransmit_;
}

bool IceClient::handleResponse(const packet::StunMessageView& message) {
    const auto tid = message.transactionId();
    if (state_ != IceClientState::Checking || message.method() != packet::kStunMethodBinding ||
        !std::equal(tid.begin(), tid.end(), transactionId_.begin())) {
        return false;
    }
    if (!message.verifyFingerprint()) {
        return false;  // not a valid ICE answer: keep waiting
    }
    const packet::Bytes password(
        reinterpret_cast<const std::uint8_t*>(options_.remotePassword.data()),
        options_.remotePassword.size());
    if (message.messageClass() == packet::StunClass::ErrorResponse) {
        auto error = message.errorCode();
        fail(error ? error->code : 0);
        return true;
    }
    if (message.messageClass() != packet::StunClass::SuccessResponse ||
        !message.verifyMessageIntegrity(password)) {
        return false;  // forged or stray: keep waiting for the real answer
    }
    auto mapped = message.xorMappedAddress();
    if (!mapped) {
        fail(0);
        return true;
    }
    mapped_ = toSocketAddress(*mapped);
    lastErrorCode_ = 0;
    state_ = IceClientState::Succeeded;
    return true;
}

void IceClient::fail(std::uint16_t code) {
    lastErrorCode_ = code;
    state_ = IceClientState::Failed;
}

}  // namespace vp::sfu::ice
