#include "sfu/router/keyframe_requester.hpp"

#include <algorithm>

#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/router/sinks.hpp"

namespace vp::sfu::router {

KeyframeMethod keyframeMethodOf(const rtp_parameters::RtpCodecParameters& codec) {
    auto has = [&](std::string_view type, std::string_view parameter) {
        return std::any_of(
            codec.rtcpFeedback.begin(), codec.rtcpFeedback.end(),
            [&](const auto& fb) { return fb.type == type && fb.parameter == parameter; });
    };
    if (has("nack", "pli")) {
        return KeyframeMethod::Pli;
    }
    if (has("ccm", "fir")) {
        return KeyframeMethod::Fir;
    }
    return KeyframeMethod::None;
}

bool KeyframeRequester::request(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink,
                                bool urgent) {
    if (method_ == KeyframeMethod::None) {
        return false;
    }
    pending_ = true;
    pendingUrgent_ = pendingUrgent_ || urgent;
    return flush(mediaSsrc, now, sink);
}

bool KeyframeRequester::flush(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink) {
    const auto interval = pendingUrgent_
                              ? std::min<std::chrono::milliseconds>(kUrgentInterval, minInterval_)
                              : minInterval_;
    if (!pending_ || mediaSsrc == 0 || (sentBefore_ && now - lastSent_ < interval)) {
        return false;
    }
    return send(mediaSsrc, now, sink);
}

bool KeyframeRequester::send(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink) {
    // Sender SSRC 0: the SFU has no media of its own on this stream.
    common::Result<std::size_t> size = std::size_t{0};
    if (method_ == KeyframeMethod::Pli) {
        size = packet::rtcp::writePli(buffer_, {0, mediaSsrc});
    } else {
        const packet::rtcp::FirEntry entry{mediaSsrc, firSequence_++};
        size = packet::rtcp::writeFir(buffer_, 0, std::span(&entry, 1));
    }
    if (!size.ok()) {
        return false;  // cannot happen: the buffer fits both
    }
    sink.sendRtcp(packet::Bytes(buffer_.data(), *size));
    pending_ = false;
    pendingUrgent_ = false;
    sentBefore_ = true;
    lastSent_ = now;
    ++sent_;
    return true;
}

}  // namespace vp::sfu::router
