#include "sfu/packet/stun_writer.hpp"

#include <algorithm>
#include <cstring>

#include "sfu/packet/stun_integrity.hpp"
#include "sfu/packet/stun_message.hpp"

namespace vp::sfu::packet {

namespace {
constexpr std::size_t kAttributeHeaderSize = 4;
constexpr std::size_t kMaxMessageSize = 0xFFFF;
}  // namespace

StunMessageWriter::StunMessageWriter(
    MutableBytes out, std::uint16_t messageType,
    std::span<const std::uint8_t, kStunTransactionIdSize> transactionId)
    : out_(out), size_(kStunHeaderSize), needed_(kStunHeaderSize) {
    if (out_.size() < kStunHeaderSize) {
        overflow_ = true;
        return;
    }
    writeU16(out_.data(), static_cast<std::uint16_t>(messageType & 0x3FFF));
    writeU16(out_.data() + 2, 0);
    writeU32(out_.data() + 4, kStunMagicCookie);
    std::copy(transactionId.begin(), transactionId.end(), out_.begin() + 8);
}

std::uint8_t* StunMessageWriter::append(std::uint16_t type, std::size_t valueSize) {
    const std::size_t total = kAttributeHeaderSize + padTo4(valueSize);
    needed_ += total;
    if (overflow_ || valueSize > 0xFFFF || size_ + total > out_.size() ||
        size_ + total > kMaxMessageSize) {
        overflow_ = true;
        return nullptr;
    }
    std::uint8_t* p = out_.data() + size_;
    writeU16(p, type);
    writeU16(p + 2, static_cast<std::uint16_t>(valueSize));
    std::memset(p + kAttributeHeaderSize, 0, total - kAttributeHeaderSize);
    size_ += total;
    writeU16(out_.data() + 2, static_cast<std::uint16_t>(size_ - kStunHeaderSize));
    return p + kAttributeHeaderSize;
}

void StunMessageWriter::addAttribute(std::uint16_t type, Bytes value) {
    if (std::uint8_t* p = append(type, value.size()); p != nullptr && !value.empty()) {
        std::memcpy(p, value.data(), value.size());
    }
}

void StunMessageWriter::addUsername(std::string_view username) {
    addAttribute(stun_attr::kUsername,
                 Bytes(reinterpret_cast<const std::uint8_t*>(username.data()), username.size()));
}

void StunMessageWriter::addPriority(std::uint32_t priority) {
    if (std::uint8_t* p = append(stun_attr::kPriority, 4)) {
        writeU32(p, priority);
    }
}

void StunMessageWriter::addUseCandidate() {
    append(stun_attr::kUseCandidate, 0);
}

void StunMessageWriter::addIceControlling(std::uint64_t tieBreaker) {
    if (std::uint8_t* p = append(stun_attr::kIceControlling, 8)) {
        writeU64(p, tieBreaker);
    }
}

void StunMessageWriter::addIceControlled(std::uint64_t tieBreaker) {
    if (std::uint8_t* p = append(stun_attr::kIceControlled, 8)) {
        writeU64(p, tieBreaker);
    }
}

void StunMessageWriter::addXorMappedAddress(const StunAddress& address) {
    const std::size_t valueSize = 4 + address.ipSize();
    if (std::uint8_t* p = append(stun_attr::kXorMappedAddress, valueSize)) {
        encodeXorAddress(MutableBytes(p, valueSize), address,
                         std::span<const std::uint8_t, 12>(out_.data() + 8, 12));
    }
}

void StunMessageWriter::addErrorCode(std::uint16_t code, std::string_view reason) {
    reason = reason.substr(0, 763);  // RFC 8489: fewer than 128 characters / 763 bytes
    if (std::uint8_t* p = append(stun_attr::kErrorCode, 4 + reason.size())) {
        p[2] = static_cast<std::uint8_t>((code / 100) & 0x07);
        p[3] = static_cast<std::uint8_t>(code % 100);
        std::memcpy(p + 4, reason.data(), reason.size());
    }
}

void StunMessageWriter::addMessageIntegrity(Bytes key) {
    // append() already set the length field to end after this attribute.
    const std::size_t start = size_;
    std::uint8_t* p = append(stun_attr::kMessageIntegrity, kStunIntegritySize);
    if (p == nullptr) {
        return;
    }
    auto mac = hmacSha1(key, {Bytes(out_.data(), start)});
    if (!mac) {
        cryptoFailed_ = true;
        return;
    }
    std::copy(mac->begin(), mac->end(), p);
}

void StunMessageWriter::addFingerprint() {
    const std::size_t start = size_;
    if (std::uint8_t* p = append(stun_attr::kFingerprint, 4)) {
        writeU32(p, crc32(Bytes(out_.data(), start)) ^ kStunFingerprintXor);
    }
}

common::Result<std::size_t> StunMessageWriter::finish() const {
    if (overflow_) {
        return bufferTooSmall("STUN message", needed_, out_.size());
    }
    if (cryptoFailed_) {
        return common::makeError("stun.hmac_failed",
                                 "OpenSSL could not compute HMAC-SHA1; check the OpenSSL install");
    }
    return size_;
}

common::Result<std::size_t> writeBindingRequest(MutableBytes out, const StunBindingRequest& req) {
    StunMessageWriter w(out, stunMessageType(kStunMethodBinding, StunClass::Request),
                        req.transactionId);
    w.addUsername(req.username);
    w.addPriority(req.priority);
    if (req.controlling) {
        w.addIceControlling(req.tieBreaker);
    } else {
        w.addIceControlled(req.tieBreaker);
    }
    if (req.useCandidate) {
        w.addUseCandidate();
    }
    w.addMessageIntegrity(req.password);
    w.addFingerprint();
    return w.finish();
}

common::Result<std::size_t> writeBindingSuccess(
    MutableBytes out, std::span<const std::uint8_t, kStunTransactionIdSize> transactionId,
    const StunAddress& mapped, Bytes password) {
    StunMessageWriter w(out, stunMessageType(kStunMethodBinding, StunClass::SuccessResponse),
                        transactionId);
    w.addXorMappedAddress(mapped);
    if (!password.empty()) {
        w.addMessageIntegrity(password);
    }
    w.addFingerprint();
    return w.finish();
}

common::Result<std::size_t> writeBindingError(
    MutableBytes out, std::span<const std::uint8_t, kStunTransactionIdSize> transactionId,
    std::uint16_t code, std::string_view reason, Bytes password) {
    StunMessageWriter w(out, stunMessageType(kStunMethodBinding, StunClass::ErrorResponse),
                        transactionId);
    w.addErrorCode(code, reason);
    if (!password.empty()) {
        w.addMessageIntegrity(password);
    }
    w.addFingerprint();
    return w.finish();
}

}  // namespace vp::sfu::packet
