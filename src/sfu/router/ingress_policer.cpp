#include "sfu/router/ingress_policer.hpp"

#include <algorithm>

namespace vp::sfu::router {

std::uint64_t IngressPolicer::announcedBitrate(rtp_parameters::MediaKind kind,
                                               const rtp_parameters::RtpParameters& parameters) {
    std::uint64_t sum = 0;
    for (const auto& encoding : parameters.encodings) {
        if (!encoding.maxBitrate || *encoding.maxBitrate == 0) {
            sum = 0;
            break;
        }
        sum += *encoding.maxBitrate;
    }
    if (sum > 0) {
        return sum;
    }
    return kind == rtp_parameters::MediaKind::Audio ? kDefaultAudio : kDefaultVideo;
}

IngressPolicer::IngressPolicer(std::uint64_t announcedBitsPerSecond)
    : capBitsPerSecond_(std::max<std::uint64_t>(announcedBitsPerSecond, 1) * kHeadroom),
      tokens_(static_cast<double>(capBitsPerSecond_) / 8.0),
      burstBytes_(static_cast<double>(capBitsPerSecond_) / 8.0) {}

bool IngressPolicer::admit(std::size_t bytes, std::chrono::steady_clock::time_point now) {
    if (started_ && now > last_) {
        const double seconds = std::chrono::duration<double>(now - last_).count();
        tokens_ =
            std::min(burstBytes_, tokens_ + seconds * static_cast<double>(capBitsPerSecond_) / 8.0);
    }
    if (!started_ || now > last_) {
        last_ = now;
    }
    started_ = true;
    if (tokens_ < static_cast<double>(bytes)) {
        ++droppedPackets_;
        return false;
    }
    tokens_ -= static_cast<double>(bytes);
    return true;
}

}  // namespace vp::sfu::router
