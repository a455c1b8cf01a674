#include "sfu/packet/stun_message.hpp"

#include "sfu/packet/stun_integrity.hpp"

namespace vp::sfu::packet {

namespace {
constexpr std::size_t kAttributeHeaderSize = 4;
constexpr std::size_t kFingerprintSize = 4;
}  // namespace

StunAddress StunAddress::v4(std::array<std::uint8_t, 4> addr, std::uint16_t port) {
    StunAddress a;
    a.family = Family::V4;
    a.port = port;
    std::copy(addr.begin(), addr.end(), a.ip.begin());
    return a;
}

StunAddress StunAddress::v6(std::array<std::uint8_t, 16> addr, std::uint16_t port) {
    StunAddress a;
    a.family = Family::V6;
    a.port = port;
    a.ip = addr;
    return a;
}

std::optional<StunMessageView> StunMessageView::parse(Bytes datagram) {
    if (datagram.size() < kStunHeaderSize || (datagram[0] & 0xC0) != 0) {
        return std::nullopt;
    }
    const std::size_t length = readU16(datagram.data() + 2);
    if (length % 4 != 0 || kStunHeaderSize + length != datagram.size() ||
        readU32(datagram.data() + 4) != kStunMagicCookie) {
        return std::nullopt;
    }
    StunMessageView view(datagram);
    std::size_t offset = kStunHeaderSize;
    while (offset < datagram.size()) {
        if (view.fingerprintOffset_ != 0) {
            return std::nullopt;  // nothing may follow FINGERPRINT
        }
        if (datagram.size() - offset < kAttributeHeaderSize) {
            return std::nullopt;
        }
        const std::uint16_t type = readU16(datagram.data() + offset);
        const std::size_t valueSize = readU16(datagram.data() + offset + 2);
        const std::size_t total = kAttributeHeaderSize + padTo4(valueSize);
        if (total > datagram.size() - offset) {
            return std::nullopt;
        }
        if (type == stun_attr::kMessageIntegrity && view.integrityOffset_ == 0) {
            if (valueSize != kStunIntegritySize) {
                return std::nullopt;
            }
            view.integrityOffset_ = offset;
        } else if (type == stun_attr::kFingerprint) {
            if (valueSize != kFingerprintSize) {
                return std::nullopt;
            }
            view.fingerprintOffset_ = offset;
        }
        offset += total;
    }
    return view;
}

std::size_t StunMessageView::attributesEnd() const {
    if (integrityOffset_ != 0) {
        return integrityOffset_;
    }
    return fingerprintOffset_ != 0 ? fingerprintOffset_ : data_.size();
}

std::optional<Bytes> StunMessageView::attribute(std::uint16_t type) const {
    const std::size_t end = attributesEnd();
    std::size_t offset = kStunHeaderSize;
    while (offset + kAttributeHeaderSize <= end) {  // structure was validated by parse()
        const std::uint16_t t = readU16(data_.data() + offset);
        const std::size_t valueSize = readU16(data_.data() + offset + 2);
        if (t == type) {
            return data_.subspan(offset + kAttributeHeaderSize, valueSize);
        }
        offset += kAttributeHeaderSize + padTo4(valueSize);
    }
    return std::nullopt;
}

std::optional<std::string_view> StunMessageView::username() const {
    auto value = attribute(stun_attr::kUsername);
    if (!value || value->empty() || value->size() > 513) {
        return std::nullopt;
    }
    return std::string_view(reinterpret_cast<const char*>(value->data()), value->size());
}

std::optional<std::uint32_t> StunMessageView::priority() const {
    auto value = attribute(stun_attr::kPriority);
    if (!value || value->size() != 4) {
        return std::nullopt;
    }
    return readU32(value->data());
}

std::optional<std::uint64_t> StunMessageView::u64Attribute(std::uint16_t type) const {
    auto value = attribute(type);
    if (!value || value->size() != 8) {
        return std::nullopt;
    }
    return readU64(value->data());
}

std::optional<std::uint64_t> StunMessageView::iceControlling() const {
    return u64Attribute(stun_attr::kIceControlling);
}

std::optional<std::uint64_t> StunMessageView::iceControlled() const {
    return u64Attribute(stun_attr::kIceControlled);
}

std::optional<StunErrorCode> StunMessageView::errorCode() const {
    auto value = attribute(stun_attr::kErrorCode);
    if (!value || value->size() < 4) {
        return std::nullopt;
    }
    const unsigned cls = (*value)[2] & 0x07u;
    const unsigned number = (*value)[3];
    if (cls < 3 || cls > 6 || number > 99) {
        return std::nullopt;
    }
    StunErrorCode error;
    error.code = static_cast<std::uint16_t>(cls * 100 + number);
    error.reason =
        std::string_view(reinterpret_cast<const char*>(value->data() + 4), value->size() - 4);
    return error;
}

std::optional<StunAddress> StunMessageView::xorMappedAddress() const {
    auto value = attribute(stun_attr::kXorMappedAddress);
    if (!value) {
        return std::nullopt;
    }
    return decodeXorAddress(*value, transactionId());
}

bool StunMessageView::verifyMessageIntegrity(Bytes key) const {
    if (integrityOffset_ == 0) {
        return false;
    }
    // The length field covers everything up to and including MESSAGE-INTEGRITY.
    std::array<std::uint8_t, 2> adjustedLength{};
    writeU16(
        adjustedLength.data(),
        static_cast<std::uint16_t>(integrityOffset_ + 4 + kStunIntegritySize - kStunHeaderSize));
    auto mac =
        hmacSha1(key, {data_.first(2), adjustedLength, data_.subspan(4, integrityOffset_ - 4)});
    return mac && equalsConstantTime(*mac, data_.subspan(integrityOffset_ + 4, kStunIntegritySize));
}

bool StunMessageView::verifyFingerprint() const {
    if (fingerprintOffset_ == 0) {
        return false;
    }
    // FINGERPRINT is last, so the length field already ends after it.
    const std::uint32_t expected = crc32(data_.first(fingerprintOffset_)) ^ kStunFingerprintXor;
    return readU32(data_.data() + fingerprintOffset_ + 4) == expected;
}

std::optional<StunAddress> decodeXorAddress(Bytes value,
                                            std::span<const std::uint8_t, 12> transactionId) {
    if (value.size() < 4) {
        return std::nullopt;
    }
    StunAddress address;
    if (value[1] == 1 && value.size() == 8) {
        address.family = StunAddress::Family::V4;
    } else if (value[1] == 2 && value.size() == 20) {
        address.family = StunAddress::Family::V6;
    } else {
        return std::nullopt;
    }
    address.port = static_cast<std::uint16_t>(readU16(value.data() + 2) ^ (kStunMagicCookie >> 16));
    std::array<std::uint8_t, 16> mask{};
    writeU32(mask.data(), kStunMagicCookie);
    std::copy(transactionId.begin(), transactionId.end(), mask.begin() + 4);
    for (std::size_t i = 0; i < address.ipSize(); ++i) {
        address.ip[i] = static_cast<std::uint8_t>(value[4 + i] ^ mask[i]);
    }
    return address;
}

std::size_t encodeXorAddress(MutableBytes out, const StunAddress& address,
                             std::span<const std::uint8_t, 12> transactionId) {
    const std::size_t size = 4 + address.ipSize();
    if (out.size() < size) {
        return 0;
    }
    out[0] = 0;
    out[1] = static_cast<std::uint8_t>(address.family);
    writeU16(out.data() + 2, static_cast<std::uint16_t>(address.port ^ (kStunMagicCookie >> 16)));
    std::array<std::uint8_t, 16> mask{};
    writeU32(mask.data(), kStunMagicCookie);
    std::copy(transactionId.begin(), transactionId.end(), mask.begin() + 4);
    for (std::size_t i = 0; i < address.ipSize(); ++i) {
        out[4 + i] = static_cast<std::uint8_t>(address.ip[i] ^ mask[i]);
    }
    return size;
}

}  // namespace vp::sfu::packet
