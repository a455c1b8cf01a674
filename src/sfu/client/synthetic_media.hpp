#pragma once
// Synthetic media sources with correct RTP headers: Opus-like audio (20 ms
// frames at 48 kHz) and VP8-like video (RFC 7741 payload descriptor, 90 kHz,
// a keyframe every `keyframeInterval` frames, frames split over packets), each
// packet carrying the mid header extension as mediasoup-client negotiates it.
#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::client {

struct SyntheticStreamOptions {
    std::uint32_t ssrc = 0;
    std::uint8_t payloadType = 0;
    std::uint32_t clockRate = 48000;
    std::uint8_t midExtensionId = 0;  // 0: no mid extension
    std::string mid;
    bool video = false;
    std::uint32_t frameDuration = 960;  // in clock ticks (20 ms of Opus; 3000 = 30 fps video)
    std::size_t packetsPerFrame = 1;    // video: packets per frame (marker on the last)
    std::size_t payloadSize = 100;
    std::size_t keyframeInterval = 30;  // video: frames between keyframes
    std::uint16_t firstSequenceNumber = 1000;
    std::uint32_t firstTimestamp = 0;
};

// The VP8 payload descriptor's keyframe check (S=1, partition 0, P bit clear).
bool isVp8KeyframeStart(packet::Bytes payload);

class SyntheticStream {
  public:
    explicit SyntheticStream(SyntheticStreamOptions options);

    // Writes the next packet into `out`; returns its size.
    common::Result<std::size_t> next(packet::MutableBytes out);
    // The next frame (video) starts with a keyframe.
    void requestKeyframe() { keyframePending_ = true; }

    std::uint16_t nextSequenceNumber() const { return sequence_; }
    std::uint64_t packetsWritten() const { return written_; }
    const SyntheticStreamOptions& options() const { return options_; }

  private:
    SyntheticStreamOptions options_;
    std::uint16_t sequence_;
    std::uint32_t timestamp_;
    std::size_t packetInFrame_ = 0;
    std::size_t frame_ = 0;
    bool keyframePending_ = true;
    bool currentKeyframe_ = false;
    std::uint64_t written_ = 0;
};

}  // namespace vp::sfu::client
