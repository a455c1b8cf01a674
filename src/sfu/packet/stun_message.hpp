#pragma once
// A read-only view of one STUN message in the caller's buffer. parse() checks the
// header, the magic cookie, that the length field matches the datagram exactly
// and that every attribute (with its padding) fits; it never allocates.
#include <optional>
#include <span>
#include <string_view>

#include "sfu/packet/byte_io.hpp"
#include "sfu/packet/stun_types.hpp"

namespace vp::sfu::packet {

class StunMessageView {
  public:
    static std::optional<StunMessageView> parse(Bytes datagram);

    std::uint16_t messageType() const { return readU16(data_.data()); }
    std::uint16_t method() const { return stunMethodOf(messageType()); }
    StunClass messageClass() const { return stunClassOf(messageType()); }
    std::span<const std::uint8_t, kStunTransactionIdSize> transactionId() const {
        return data_.subspan<8, kStunTransactionIdSize>();
    }
    Bytes bytes() const { return data_; }

    // The value of the first attribute of this type. Attributes after
    // MESSAGE-INTEGRITY are ignored, as RFC 8489 requires.
    std::optional<Bytes> attribute(std::uint16_t type) const;

    std::optional<std::string_view> username() const;
    std::optional<std::uint32_t> priority() const;
    bool useCandidate() const { return attribute(stun_attr::kUseCandidate).has_value(); }
    std::optional<std::uint64_t> iceControlling() const;
    std::optional<std::uint64_t> iceControlled() const;
    std::optional<StunErrorCode> errorCode() const;
    std::optional<StunAddress> xorMappedAddress() const;

    bool hasMessageIntegrity() const { return integrityOffset_ != 0; }
    bool hasFingerprint() const { return fingerprintOffset_ != 0; }
    // HMAC-SHA1 over the message up to MESSAGE-INTEGRITY, with the length field
    // adjusted to end after it. For ICE the key is the peer's password.
    bool verifyMessageIntegrity(Bytes key) const;
    bool verifyFingerprint() const;

  private:
    explicit StunMessageView(Bytes data) : data_(data) {}
    std::optional<std::uint64_t> u64Attribute(std::uint16_t type) const;
    std::size_t attributesEnd() const;

    Bytes data_;
    std::size_t integrityOffset_ = 0;    // offset of the MESSAGE-INTEGRITY attribute header
    std::size_t fingerprintOffset_ = 0;  // offset of the FINGERPRINT attribute header
};

// XOR-MAPPED-ADDRESS value codec (RFC 8489 section 14.2).
std::optional<StunAddress> decodeXorAddress(Bytes value,
                                            std::span<const std::uint8_t, 12> transactionId);
// Writes 8 (IPv4) or 20 (IPv6) bytes; returns the count, or 0 if out is too small.
std::size_t encodeXorAddress(MutableBytes out, const StunAddress& address,
                             std::span<const std::uint8_t, 12> transactionId);

}  // namespace vp::sfu::packet
