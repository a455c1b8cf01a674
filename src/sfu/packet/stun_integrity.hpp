#pragma once
// The two STUN checksums: FINGERPRINT (CRC-32 xor 0x5354554e) and
// MESSAGE-INTEGRITY (HMAC-SHA1, via OpenSSL).
#include <array>
#include <initializer_list>
#include <optional>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet {

using HmacSha1 = std::array<std::uint8_t, 20>;

// CRC-32 (ISO-HDLC, as zlib's crc32) continuing from a previous result.
std::uint32_t crc32(Bytes data, std::uint32_t previous = 0);

// HMAC-SHA1 of the concatenated parts; nullopt only if OpenSSL fails.
std::optional<HmacSha1> hmacSha1(Bytes key, std::initializer_list<Bytes> parts);

// Constant-time comparison for MACs.
bool equalsConstantTime(Bytes a, Bytes b);

}  // namespace vp::sfu::packet
