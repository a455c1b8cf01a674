#pragma once
// Synthetic media for the load client: VP8-like video (RFC 7741 descriptor with a
// 15-bit picture id, keyframes on a period and on request, keyframes several
// times larger than delta frames, sizes varying ±15 % around the bit rate's
// budget, frames split into packets of at most maxPayload bytes) and Opus-like
// audio (20 ms packets). Every packet's payload ends with a probe: a magic and
// the send time in microseconds of CLOCK_MONOTONIC, so a subscriber on the same
// machine measures one-way delay through the server.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "sfu/packet/byte_io.hpp"
#include "tools/loadtest/fast_random.hpp"

namespace vp::tools::loadtest {

inline constexpr std::size_t kProbeSize = 12;
inline constexpr std::uint32_t kProbeMagic = 0x56504C54;  // "VPLT"

// Writes the probe into the last kProbeSize bytes of `payload`.
void writeProbe(sfu::packet::MutableBytes payload, std::uint64_t sendTimeUs);
// The send time from a payload that ends with a probe.
std::optional<std::uint64_t> readProbe(sfu::packet::Bytes payload);

// Average, keyframe and delta frame sizes for a bit rate, frame rate and keyframe
// period: the keyframes' extra bytes come out of the delta frames' budget.
struct FrameSizeModel {
    std::size_t deltaBytes = 0;
    std::size_t keyframeBytes = 0;
    static FrameSizeModel forVideo(std::uint32_t bitrate, std::uint32_t fps,
                                   std::size_t framesPerKeyframe, double keyframeScale);
};

struct SourceConfig {
    bool video = false;
    std::uint32_t ssrc = 0;
    std::uint8_t payloadType = 0;
    std::uint8_t midExtensionId = 0;  // 0: none
    std::string mid;
    std::uint8_t ridExtensionId = 0;  // 0: none (simulcast only)
    std::string rid;
    std::uint32_t bitrate = 1'000'000;  // video
    std::uint32_t fps = 30;             // video
    std::chrono::milliseconds keyframeInterval{2500};
    double keyframeScale = 6.0;
    std::size_t maxPayload = 1100;
    std::size_t audioBytes = 90;  // Opus ~32 kbit/s
};

class SyntheticSource {
  public:
    using Emit = std::function<void(sfu::packet::Bytes packet)>;

    SyntheticSource(SourceConfig config, FastRandom& random);

    std::chrono::microseconds frameInterval() const;
    // Packetises the next frame, calling emit for each RTP packet in order.
    common::Status nextFrame(std::uint64_t sendTimeUs, const Emit& emit);
    // The next frame is a keyframe (a PLI or FIR arrived).
    void requestKeyframe() { keyframePending_ = true; }

    const SourceConfig& config() const { return config_; }
    std::uint64_t framesWritten() const { return frames_; }
    std::uint64_t keyframesWritten() const { return keyframes_; }
    std::uint64_t packetsWritten() const { return packets_; }
    std::uint64_t bytesWritten() const { return bytes_; }
    std::size_t framesPerKeyframe() const { return framesPerKeyframe_; }

  private:
    std::size_t nextFrameSize(bool keyframe);
    common::Status writePacket(sfu::packet::Bytes payload, bool marker, const Emit& emit);

    SourceConfig config_;
    FastRandom& random_;
    FrameSizeModel sizes_;
    std::size_t framesPerKeyframe_ = 0;
    std::uint16_t sequence_;
    std::uint32_t timestamp_;
    std::uint16_t pictureId_;
    std::uint64_t frames_ = 0;
    std::uint64_t framesSinceKeyframe_ = 0;
    std::uint64_t keyframes_ = 0;
    std::uint64_t packets_ = 0;
    std::uint64_t bytes_ = 0;
    bool keyframePending_ = true;
    std::vector<std::uint8_t> payload_;
    std::vector<std::uint8_t> packet_;
};

}  // namespace vp::tools::loadtest
