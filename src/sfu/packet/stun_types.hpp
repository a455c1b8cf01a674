#pragma once
// STUN (RFC 8489) vocabulary shared by the message view and the writer.
#include <array>
#include <cstdint>
#include <string_view>

namespace vp::sfu::packet {

inline constexpr std::uint32_t kStunMagicCookie = 0x2112A442;
inline constexpr std::size_t kStunHeaderSize = 20;
inline constexpr std::size_t kStunTransactionIdSize = 12;
inline constexpr std::size_t kStunIntegritySize = 20;  // HMAC-SHA1
inline constexpr std::uint32_t kStunFingerprintXor = 0x5354554e;
inline constexpr std::uint16_t kStunMethodBinding = 0x001;

using StunTransactionId = std::array<std::uint8_t, kStunTransactionIdSize>;

enum class StunClass : std::uint8_t {
    Request = 0,
    Indication = 1,
    SuccessResponse = 2,
    ErrorResponse = 3,
};

namespace stun_attr {
inline constexpr std::uint16_t kMappedAddress = 0x0001;
inline constexpr std::uint16_t kUsername = 0x0006;
inline constexpr std::uint16_t kMessageIntegrity = 0x0008;
inline constexpr std::uint16_t kErrorCode = 0x0009;
inline constexpr std::uint16_t kUnknownAttributes = 0x000A;
inline constexpr std::uint16_t kRealm = 0x0014;
inline constexpr std::uint16_t kNonce = 0x0015;
inline constexpr std::uint16_t kXorMappedAddress = 0x0020;
inline constexpr std::uint16_t kPriority = 0x0024;
inline constexpr std::uint16_t kUseCandidate = 0x0025;
inline constexpr std::uint16_t kSoftware = 0x8022;
inline constexpr std::uint16_t kFingerprint = 0x8028;
inline constexpr std::uint16_t kIceControlled = 0x8029;
inline constexpr std::uint16_t kIceControlling = 0x802A;
}  // namespace stun_attr

// Packs method and class into the 14-bit message type (RFC 8489 section 5).
constexpr std::uint16_t stunMessageType(std::uint16_t method, StunClass cls) {
    const auto c = static_cast<unsigned>(cls);
    return static_cast<std::uint16_t>(((method & 0x0F80u) << 2) | ((method & 0x0070u) << 1) |
                                      (method & 0x000Fu) | ((c & 2u) << 7) | ((c & 1u) << 4));
}
constexpr std::uint16_t stunMethodOf(std::uint16_t type) {
    return static_cast<std::uint16_t>(((type & 0x3E00u) >> 2) | ((type & 0x00E0u) >> 1) |
                                      (type & 0x000Fu));
}
constexpr StunClass stunClassOf(std::uint16_t type) {
    return static_cast<StunClass>(((type & 0x0100u) >> 7) | ((type & 0x0010u) >> 4));
}

// A transport address as carried by (XOR-)MAPPED-ADDRESS; ip in network order,
// IPv4 uses the first four bytes.
struct StunAddress {
    enum class Family : std::uint8_t { V4 = 1, V6 = 2 };
    Family family = Family::V4;
    std::uint16_t port = 0;
    std::array<std::uint8_t, 16> ip{};

    static StunAddress v4(std::array<std::uint8_t, 4> addr, std::uint16_t port);
    static StunAddress v6(std::array<std::uint8_t, 16> addr, std::uint16_t port);
    std::size_t ipSize() const { return family == Family::V4 ? 4 : 16; }
    friend bool operator==(const StunAddress&, const StunAddress&) = default;
};

struct StunErrorCode {
    std::uint16_t code = 0;  // 300..699
    std::string_view reason;
};

}  // namespace vp::sfu::packet
