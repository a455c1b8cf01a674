#pragma once
// Big-endian (network order) reads and writes on raw bytes. Callers check bounds
// before calling; these helpers only do the byte shuffling.
#include <cstddef>
#include <cstdint>
#include <span>

#include "common/result.hpp"

namespace vp::sfu::packet {

using Bytes = std::span<const std::uint8_t>;
using MutableBytes = std::span<std::uint8_t>;

inline std::uint16_t readU16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t readU24(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | std::uint32_t{p[2]};
}
inline std::uint32_t readU32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | readU24(p + 1);
}
inline std::uint64_t readU64(const std::uint8_t* p) {
    return (std::uint64_t{readU32(p)} << 32) | readU32(p + 4);
}

inline void writeU16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}
inline void writeU24(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 16);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    p[2] = static_cast<std::uint8_t>(v);
}
inline void writeU32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    writeU24(p + 1, v);
}
inline void writeU64(std::uint8_t* p, std::uint64_t v) {
    writeU32(p, static_cast<std::uint32_t>(v >> 32));
    writeU32(p + 4, static_cast<std::uint32_t>(v));
}

// Rounds n up to the next multiple of 4 (RTP/RTCP/STUN all align on 32 bits).
constexpr std::size_t padTo4(std::size_t n) {
    return (n + 3) & ~std::size_t{3};
}

// The error every writer returns when the caller's buffer is too small.
inline common::Error bufferTooSmall(const char* what, std::size_t needed, std::size_t available) {
    return common::makeError("packet.buffer_too_small",
                             std::string(what) + " needs " + std::to_string(needed) +
                                 " bytes but the buffer has " + std::to_string(available) +
                                 "; pass a larger buffer");
}

}  // namespace vp::sfu::packet
