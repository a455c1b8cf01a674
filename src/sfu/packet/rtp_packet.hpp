#pragma once
// RTP (RFC 3550) packets as views over the caller's buffer, with header
// extensions in the one-byte (0xBEDE) and two-byte (0x100X) forms of RFC 8285.
// parse() checks every length (CSRC count, extension length, padding) against
// the buffer; no allocation.
#include <optional>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet {

inline constexpr std::size_t kRtpHeaderSize = 12;
inline constexpr std::uint16_t kOneByteExtensionProfile = 0xBEDE;
inline constexpr std::uint16_t kTwoByteExtensionProfile = 0x1000;  // low 4 bits: appbits

class RtpPacketView {
  public:
    static std::optional<RtpPacketView> parse(Bytes packet);

    std::uint8_t version() const { return static_cast<std::uint8_t>(data_[0] >> 6); }
    bool hasPadding() const { return (data_[0] & 0x20) != 0; }
    bool marker() const { return (data_[1] & 0x80) != 0; }
    std::uint8_t payloadType() const { return data_[1] & 0x7F; }
    std::uint16_t sequenceNumber() const { return readU16(data_.data() + 2); }
    std::uint32_t timestamp() const { return readU32(data_.data() + 4); }
    std::uint32_t ssrc() const { return readU32(data_.data() + 8); }
    std::size_t csrcCount() const { return data_[0] & 0x0Fu; }
    std::uint32_t csrc(std::size_t i) const { return readU32(data_.data() + 12 + 4 * i); }

    bool hasExtension() const { return (data_[0] & 0x10) != 0; }
    std::uint16_t extensionProfile() const { return extensionProfile_; }
    // The extension block without its 4-byte header (empty when absent).
    Bytes extensionBlock() const { return data_.subspan(extensionOffset_, extensionSize_); }
    // The value of the element with this id (RFC 8285 forms only). Malformed
    // element lists end the search; they never read past the block.
    std::optional<Bytes> extension(std::uint8_t id) const;
    // Calls fn(id, value) for each element in order; false if the list is malformed.
    template <typename Fn>
    bool forEachExtension(Fn&& fn) const;

    std::size_t headerSize() const { return headerSize_; }
    Bytes payload() const { return data_.subspan(headerSize_, payloadSize_); }
    std::size_t paddingSize() const { return data_.size() - headerSize_ - payloadSize_; }
    Bytes bytes() const { return data_; }

  private:
    explicit RtpPacketView(Bytes data) : data_(data) {}
    // Offset (into the packet) and size of the next element at cursor, or false.
    bool nextElement(std::size_t& cursor, std::uint8_t& id, std::size_t& valueOffset,
                     std::size_t& valueSize) const;

    Bytes data_;
    std::size_t headerSize_ = 0;
    std::size_t payloadSize_ = 0;
    std::size_t extensionOffset_ = 0;
    std::size_t extensionSize_ = 0;
    std::uint16_t extensionProfile_ = 0;
};

// The same packet, writable in place: the forwarding path rewrites SSRC,
// sequence number, timestamp, payload type and extension values.
class MutableRtpPacket {
  public:
    static std::optional<MutableRtpPacket> parse(MutableBytes packet);

    const RtpPacketView& view() const { return view_; }
    void setMarker(bool marker);
    void setPayloadType(std::uint8_t payloadType);
    void setSequenceNumber(std::uint16_t seq) { writeU16(data_.data() + 2, seq); }
    void setTimestamp(std::uint32_t ts) { writeU32(data_.data() + 4, ts); }
    void setSsrc(std::uint32_t ssrc) { writeU32(data_.data() + 8, ssrc); }
    // Writable bytes of an extension element's value (empty span if absent).
    MutableBytes extension(std::uint8_t id);
    // Overwrites an element whose current size equals value.size().
    bool setExtension(std::uint8_t id, Bytes value);

  private:
    MutableRtpPacket(MutableBytes data, RtpPacketView view) : data_(data), view_(view) {}
    MutableBytes data_;
    RtpPacketView view_;
};

template <typename Fn>
bool RtpPacketView::forEachExtension(Fn&& fn) const {
    std::size_t cursor = extensionOffset_;
    std::uint8_t id = 0;
    std::size_t valueOffset = 0;
    std::size_t valueSize = 0;
    while (cursor < extensionOffset_ + extensionSize_) {
        if (!nextElement(cursor, id, valueOffset, valueSize)) {
            return false;
        }
        if (id == 0) {
            continue;  // padding byte
        }
        if (id == 15 && extensionProfile_ == kOneByteExtensionProfile) {
            return true;  // reserved id: stop processing
        }
        fn(id, data_.subspan(valueOffset, valueSize));
    }
    return true;
}

}  // namespace vp::sfu::packet
