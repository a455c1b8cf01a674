#pragma once
// Builds a STUN message into the caller's buffer, attribute by attribute.
// Overflow is sticky: once an attribute does not fit, finish() reports it.
#include <string_view>

#include "sfu/packet/byte_io.hpp"
#include "sfu/packet/stun_types.hpp"

namespace vp::sfu::packet {

class StunMessageWriter {
  public:
    StunMessageWriter(MutableBytes out, std::uint16_t messageType,
                      std::span<const std::uint8_t, kStunTransactionIdSize> transactionId);

    void addAttribute(std::uint16_t type, Bytes value);
    void addUsername(std::string_view username);
    void addPriority(std::uint32_t priority);
    void addUseCandidate();
    void addIceControlling(std::uint64_t tieBreaker);
    void addIceControlled(std::uint64_t tieBreaker);
    void addXorMappedAddress(const StunAddress& address);
    void addErrorCode(std::uint16_t code, std::string_view reason);
    // Must come after every other attribute but FINGERPRINT.
    void addMessageIntegrity(Bytes key);
    // Must be the last attribute.
    void addFingerprint();

    // The total message size, or why it could not be written.
    common::Result<std::size_t> finish() const;

  private:
    // Appends an attribute header and zeroed padded space; nullptr on overflow.
    std::uint8_t* append(std::uint16_t type, std::size_t valueSize);

    MutableBytes out_;
    std::size_t size_ = 0;
    std::size_t needed_ = 0;
    bool overflow_ = false;
    bool cryptoFailed_ = false;
};

// ICE connectivity check (client side, for the test client and cascading).
struct StunBindingRequest {
    StunTransactionId transactionId{};
    std::string_view username;  // "remoteUfrag:localUfrag"
    std::uint32_t priority = 0;
    bool controlling = true;
    std::uint64_t tieBreaker = 0;
    bool useCandidate = false;
    Bytes password;  // the remote peer's ICE password
};

common::Result<std::size_t> writeBindingRequest(MutableBytes out, const StunBindingRequest& req);

// Success response: XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY (local password; none
// when the password is empty, as a plain STUN server answers), FINGERPRINT.
common::Result<std::size_t> writeBindingSuccess(
    MutableBytes out, std::span<const std::uint8_t, kStunTransactionIdSize> transactionId,
    const StunAddress& mapped, Bytes password);

// Error response: ERROR-CODE, MESSAGE-INTEGRITY when a password is given
// (empty password: none, e.g. for 400/401), FINGERPRINT.
common::Result<std::size_t> writeBindingError(
    MutableBytes out, std::span<const std::uint8_t, kStunTransactionIdSize> transactionId,
    std::uint16_t code, std::string_view reason, Bytes password);

}  // namespace vp::sfu::packet
