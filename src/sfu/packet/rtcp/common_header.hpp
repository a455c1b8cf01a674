#pragma once
// RTCP (RFC 3550 section 6) framing: one sub-packet view and a safe iterator
// over a compound packet. Each header's length is checked against the bytes
// that remain; a malformed sub-packet ends iteration with an error.
#include <optional>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet::rtcp {

inline constexpr std::size_t kHeaderSize = 4;

namespace type {
inline constexpr std::uint8_t kSenderReport = 200;
inline constexpr std::uint8_t kReceiverReport = 201;
inline constexpr std::uint8_t kSdes = 202;
inline constexpr std::uint8_t kBye = 203;
inline constexpr std::uint8_t kApp = 204;
inline constexpr std::uint8_t kTransportFeedback = 205;  // RTPFB
inline constexpr std::uint8_t kPayloadFeedback = 206;    // PSFB
}  // namespace type

namespace fmt {
inline constexpr std::uint8_t kNack = 1;          // RTPFB
inline constexpr std::uint8_t kTransportCc = 15;  // RTPFB
inline constexpr std::uint8_t kPli = 1;           // PSFB
inline constexpr std::uint8_t kFir = 4;           // PSFB
inline constexpr std::uint8_t kAfb = 15;          // PSFB application layer (REMB)
}  // namespace fmt

// One RTCP packet: the 4-byte header plus its body, padding removed.
class RtcpPacketView {
  public:
    // Parses the sub-packet at the start of data; its declared length must fit.
    static std::optional<RtcpPacketView> parse(Bytes data);

    // RC, SC or FMT, depending on the packet type.
    std::uint8_t count() const { return data_[0] & 0x1F; }
    std::uint8_t packetType() const { return data_[1]; }
    // The whole sub-packet as declared by its length field (with padding).
    Bytes bytes() const { return data_; }
    // After the 4-byte header, without padding.
    Bytes body() const { return data_.subspan(kHeaderSize, bodySize_); }

  private:
    RtcpPacketView(Bytes data, std::size_t bodySize) : data_(data), bodySize_(bodySize) {}
    Bytes data_;
    std::size_t bodySize_;
};

// Walks a compound packet: while (auto p = it.next()) {...}; then check failed().
class CompoundIterator {
  public:
    explicit CompoundIterator(Bytes compound) : rest_(compound), failed_(compound.empty()) {}
    std::optional<RtcpPacketView> next();
    bool failed() const { return failed_; }

  private:
    Bytes rest_;
    bool failed_;
};

// Checks that a packet of totalSize bytes fits out and its length field.
common::Status checkRoom(const char* what, std::size_t totalSize, MutableBytes out);

// Writes the 4-byte header for a packet of totalSize bytes (a multiple of 4).
void writeHeader(std::uint8_t* p, std::uint8_t count, std::uint8_t packetType,
                 std::size_t totalSize);

// Sender and media SSRC that open every feedback message (RFC 4585 6.1).
struct FeedbackSsrcs {
    std::uint32_t sender = 0;
    std::uint32_t media = 0;
    friend bool operator==(const FeedbackSsrcs&, const FeedbackSsrcs&) = default;
};
inline constexpr std::size_t kFeedbackHeaderSize = kHeaderSize + 8;

// The common part of every feedback parser: right type and FMT, body >= 8 bytes.
std::optional<FeedbackSsrcs> parseFeedbackSsrcs(const RtcpPacketView& packet,
                                                std::uint8_t packetType, std::uint8_t format);
// Writes header and SSRCs of a feedback message of totalSize bytes; the caller
// has checked that out holds totalSize bytes.
void writeFeedbackHeader(std::uint8_t* p, std::uint8_t packetType, std::uint8_t format,
                         FeedbackSsrcs ssrcs, std::size_t totalSize);

}  // namespace vp::sfu::packet::rtcp
