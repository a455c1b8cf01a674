#include "sfu/client/synthetic_media.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_writer.hpp"

namespace vp::sfu::client {

namespace {
constexpr std::size_t kMaxPayload = 1200;
}  // namespace

bool isVp8KeyframeStart(packet::Bytes payload) {
    // RFC 7741: byte 0 X|R|N|S|R|PID; an X byte (and its optional fields) may
    // follow. We write no X, so the VP8 header is byte 1 with P (bit 0) = 0 for
    // keyframes.
    if (payload.size() < 2) {
        return false;
    }
    const bool start = (payload[0] & 0x10) != 0 && (payload[0] & 0x07) == 0;
    const bool extended = (payload[0] & 0x80) != 0;
    return start && !extended && (payload[1] & 0x01) == 0;
}

SyntheticStream::SyntheticStream(SyntheticStreamOptions options)
    : options_(std::move(options)),
      sequence_(options_.firstSequenceNumber),
      timestamp_(options_.firstTimestamp) {
    options_.payloadSize = std::clamp<std::size_t>(options_.payloadSize, 4, kMaxPayload);
    options_.packetsPerFrame = std::max<std::size_t>(options_.packetsPerFrame, 1);
}

common::Result<std::size_t> SyntheticStream::next(packet::MutableBytes out) {
    if (packetInFrame_ == 0) {
        const bool scheduled =
            options_.keyframeInterval != 0 && frame_ % options_.keyframeInterval == 0;
        currentKeyframe_ = options_.video && (keyframePending_ || scheduled);
        if (currentKeyframe_) {
            keyframePending_ = false;
        }
    }
    const bool lastInFrame = !options_.video || packetInFrame_ + 1 == options_.packetsPerFrame;

    std::array<std::uint8_t, kMaxPayload> payload{};
    const std::size_t size = options_.payloadSize;
    if (options_.video) {
        // VP8 descriptor: S bit on the first packet of a frame, partition 0.
        payload[0] = packetInFrame_ == 0 ? 0x10 : 0x00;
        // VP8 frame header byte: P bit 0 = keyframe, 1 = interframe.
        payload[1] = currentKeyframe_ ? 0x00 : 0x01;
    } else {
        payload[0] = 0xFC;  // Opus TOC: CELT FB 20 ms, one frame
    }
    for (std::size_t i = 2; i < size; ++i) {
        payload[i] = static_cast<std::uint8_t>(written_ + i);
    }

    std::array<std::uint8_t, 16> midValue{};
    std::vector<packet::RtpExtensionElement> extensions;
    if (options_.midExtensionId != 0 && !options_.mid.empty()) {
        const std::size_t n = packet::encodeSdesText(midValue, options_.mid);
        if (n == 0) {
            return common::makeError("client.invalid_mid", "the mid does not fit the extension");
        }
        extensions.push_back({options_.midExtensionId, packet::Bytes(midValue.data(), n)});
    }
    packet::RtpHeaderFields header;
    header.payloadType = options_.payloadType;
    header.marker = lastInFrame;
    header.sequenceNumber = sequence_;
    header.timestamp = timestamp_;
    header.ssrc = options_.ssrc;
    auto written =
        packet::writeRtpPacket(out, header, extensions, packet::Bytes(payload.data(), size));
    if (!written) {
        return written.error();
    }
    ++sequence_;
    ++written_;
    if (lastInFrame) {
        packetInFrame_ = 0;
        ++frame_;
        timestamp_ += options_.frameDuration;
    } else {
        ++packetInFrame_;
    }
    return *written;
}

}  // namespace vp::sfu::client
