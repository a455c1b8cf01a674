#include "tools/loadtest/synthetic_source.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_writer.hpp"

namespace vp::tools::loadtest {

namespace packet = sfu::packet;

namespace {
constexpr std::uint32_t kVideoClockRate = 90'000;
constexpr std::uint32_t kAudioTicksPerPacket = 960;  // 20 ms at 48 kHz
constexpr std::size_t kVp8DescriptorSize = 4;        // X byte, I bit, 15-bit picture id
constexpr std::size_t kVp8KeyframeHeader = 10;       // frame tag + start code + size
constexpr std::size_t kVp8DeltaHeader = 3;           // frame tag
constexpr std::size_t kMaxPacket = 1500;
}  // namespace

void writeProbe(packet::MutableBytes payload, std::uint64_t sendTimeUs) {
    if (payload.size() < kProbeSize) {
        return;
    }
    std::uint8_t* p = payload.data() + payload.size() - kProbeSize;
    packet::writeU32(p, kProbeMagic);
    packet::writeU64(p + 4, sendTimeUs);
}

std::optional<std::uint64_t> readProbe(packet::Bytes payload) {
    if (payload.size() < kProbeSize) {
        return std::nullopt;
    }
    const std::uint8_t* p = payload.data() + payload.size() - kProbeSize;
    if (packet::readU32(p) != kProbeMagic) {
        return std::nullopt;
    }
    return packet::readU64(p + 4);
}

FrameSizeModel FrameSizeModel::forVideo(std::uint32_t bitrate, std::uint32_t fps,
                                        std::size_t framesPerKeyframe, double keyframeScale) {
    const double average = static_cast<double>(bitrate) / 8.0 / std::max<std::uint32_t>(fps, 1);
    const double k = static_cast<double>(std::max<std::size_t>(framesPerKeyframe, 1));
    const double scale = std::max(keyframeScale, 1.0);
    // k frames = (k - 1) deltas + one keyframe of `scale` deltas = k × average bytes.
    const double delta = average * k / (k - 1.0 + scale);
    return FrameSizeModel{static_cast<std::size_t>(std::lround(delta)),
                          static_cast<std::size_t>(std::lround(delta * scale))};
}

SyntheticSource::SyntheticSource(SourceConfig config, FastRandom& random)
    : config_(std::move(config)),
      random_(random),
      sequence_(static_cast<std::uint16_t>(random.uniform(65536))),
      timestamp_(static_cast<std::uint32_t>(random.nextU64())),
      pictureId_(static_cast<std::uint16_t>(random.uniform(0x8000))) {
    config_.maxPayload = std::clamp<std::size_t>(config_.maxPayload, 64, 1200);
    config_.fps = std::max<std::uint32_t>(config_.fps, 1);
    const auto framesPerKeyframe =
        static_cast<double>(config_.keyframeInterval.count()) * config_.fps / 1000.0;
    framesPerKeyframe_ = std::max<std::size_t>(1, static_cast<std::size_t>(framesPerKeyframe));
    sizes_ = FrameSizeModel::forVideo(config_.bitrate, config_.fps, framesPerKeyframe_,
                                      config_.keyframeScale);
    payload_.resize(config_.maxPayload);
    packet_.resize(kMaxPacket);
}

std::chrono::microseconds SyntheticSource::frameInterval() const {
    return config_.video ? std::chrono::microseconds(1'000'000 / config_.fps)
                         : std::chrono::microseconds(20'000);
}

std::size_t SyntheticSource::nextFrameSize(bool keyframe) {
    if (!config_.video) {
        // Opus at a constant bit rate still varies a little: ±20 %.
        const double jitter = 0.8 + 0.4 * random_.unit();
        return std::max<std::size_t>(
            kProbeSize + 1,
            static_cast<std::size_t>(static_cast<double>(config_.audioBytes) * jitter));
    }
    const double base = static_cast<double>(keyframe ? sizes_.keyframeBytes : sizes_.deltaBytes);
    const double jitter = 0.85 + 0.3 * random_.unit();
    return std::max<std::size_t>(kVp8KeyframeHeader + kProbeSize,
                                 static_cast<std::size_t>(base * jitter));
}

common::Status SyntheticSource::nextFrame(std::uint64_t sendTimeUs, const Emit& emit) {
    if (!config_.video) {
        const std::size_t size = std::min(nextFrameSize(false), config_.maxPayload);
        packet::MutableBytes payload(payload_.data(), size);
        payload[0] = 0xFC;  // Opus TOC: CELT fullband 20 ms, one frame
        std::fill(payload.begin() + 1, payload.end() - kProbeSize,
                  static_cast<std::uint8_t>(frames_));
        writeProbe(payload, sendTimeUs);
        if (auto s = writePacket(payload, true, emit); !s) {
            return s;
        }
        ++frames_;
        timestamp_ += kAudioTicksPerPacket;
        return {};
    }

    const bool keyframe = keyframePending_ || framesSinceKeyframe_ >= framesPerKeyframe_;
    if (keyframe) {
        keyframePending_ = false;
        framesSinceKeyframe_ = 0;
        ++keyframes_;
    }
    std::size_t remaining = nextFrameSize(keyframe);
    const std::size_t chunk = config_.maxPayload - kVp8DescriptorSize;
    const std::size_t packets = (remaining + chunk - 1) / chunk;
    for (std::size_t i = 0; i < packets; ++i) {
        // Spread the frame evenly over its packets, as libwebrtc does.
        const std::size_t body = (remaining + (packets - i) - 1) / (packets - i);
        remaining -= body;
        const std::size_t size = std::max(kVp8DescriptorSize + body,
                                          kVp8DescriptorSize + kVp8KeyframeHeader + kProbeSize);
        packet::MutableBytes payload(payload_.data(), std::min(size, config_.maxPayload));
        payload[0] = static_cast<std::uint8_t>(0x80 | (i == 0 ? 0x10 : 0x00));  // X, S, PID 0
        payload[1] = 0x80;                                                      // I: picture id
        packet::writeU16(payload.data() + 2, static_cast<std::uint16_t>(0x8000 | pictureId_));
        std::uint8_t* vp8 = payload.data() + kVp8DescriptorSize;
        std::size_t header = 0;
        if (i == 0) {
            vp8[0] = keyframe ? 0x10 : 0x11;  // P bit (0 = keyframe), show_frame
            vp8[1] = 0x00;
            vp8[2] = 0x00;
            header = kVp8DeltaHeader;
            if (keyframe) {
                const std::array<std::uint8_t, 7> startCode = {0x9d, 0x01, 0x2a, 0x80,
                                                               0x02, 0x68, 0x01};  // 640x360
                std::copy(startCode.begin(), startCode.end(), vp8 + kVp8DeltaHeader);
                header = kVp8KeyframeHeader;
            }
        }
        std::fill(payload.begin() + static_cast<std::ptrdiff_t>(kVp8DescriptorSize + header),
                  payload.end() - kProbeSize, static_cast<std::uint8_t>(frames_ + i));
        writeProbe(payload, sendTimeUs);
        if (auto s = writePacket(payload, i + 1 == packets, emit); !s) {
            return s;
        }
    }
    ++frames_;
    ++framesSinceKeyframe_;
    pictureId_ = static_cast<std::uint16_t>((pictureId_ + 1) & 0x7FFF);
    timestamp_ += kVideoClockRate / config_.fps;
    return {};
}

common::Status SyntheticSource::writePacket(packet::Bytes payload, bool marker, const Emit& emit) {
    std::array<std::uint8_t, 16> mid{};
    std::array<std::uint8_t, 16> rid{};
    std::array<packet::RtpExtensionElement, 2> extensions{};
    std::size_t count = 0;
    if (config_.midExtensionId != 0 && !config_.mid.empty()) {
        const std::size_t n = packet::encodeSdesText(mid, config_.mid);
        extensions[count++] = {config_.midExtensionId, packet::Bytes(mid.data(), n)};
    }
    if (config_.ridExtensionId != 0 && !config_.rid.empty()) {
        const std::size_t n = packet::encodeSdesText(rid, config_.rid);
        extensions[count++] = {config_.ridExtensionId, packet::Bytes(rid.data(), n)};
    }
    packet::RtpHeaderFields header;
    header.payloadType = config_.payloadType;
    header.marker = marker;
    header.sequenceNumber = sequence_;
    header.timestamp = timestamp_;
    header.ssrc = config_.ssrc;
    auto written = packet::writeRtpPacket(
        packet_, header, std::span<const packet::RtpExtensionElement>(extensions.data(), count),
        payload);
    if (!written) {
        return written.error();
    }
    ++sequence_;
    ++packets_;
    bytes_ += *written;
    emit(packet::Bytes(packet_.data(), *written));
    return {};
}

}  // namespace vp::tools::loadtest
