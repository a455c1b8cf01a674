#pragma once
// Negotiation between a producer's parameters, the router's capabilities and a
// subscriber's device capabilities, after mediasoup's ortc model:
//   producer parameters --mapProducerParameters--> RtpMapping
//   (+ router caps) --consumableParameters--> the router's internal parameters
//   (+ device caps) --consumerParameters--> what one subscriber receives.
#include <cstdint>

#include "common/result.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::rtp_parameters {

// Same codec: MIME type (any case), clock rate, channels (audio; missing = 1);
// when strict also H.264 packetization-mode and profile, VP9 profile-id.
bool matchCodecs(const RtpCodecParameters& a, const RtpCodecCapability& b, bool strict);
bool matchCodecs(const RtpCodecCapability& a, const RtpCodecCapability& b, bool strict);

// Maps each producer codec to the router codec it matches (rtp.unknown_codec
// when none does, naming it) and each encoding to a router SSRC, consecutive
// from firstMappedSsrc. Expects validateRtpParameters() to have passed.
common::Result<RtpMapping> mapProducerParameters(const RtpParameters& producer,
                                                 const RtpCapabilities& router,
                                                 std::uint32_t firstMappedSsrc);

// The router-internal parameters of a producer: router payload types and
// extension ids (those the router may send), mapped SSRCs, the producer's cname.
RtpParameters consumableParameters(MediaKind kind, const RtpParameters& producer,
                                   const RtpCapabilities& router, const RtpMapping& mapping);

// Whether a device can receive at least one media codec of the producer.
bool canConsume(const RtpParameters& consumable, const RtpCapabilities& device);

struct ConsumerParametersOptions {
    std::uint32_t ssrc = 0;  // the consumer's own SSRC (RTX, if enabled, is ssrc + 1)
    // RTX and plain "nack" feedback; the router turns it on (its consumers answer
    // NACKs from the producer's packet cache, as RTX).
    bool enableRtx = false;
};

// The parameters one subscriber receives: codecs and feedback both sides know,
// the extensions the device supports with the router's ids, one encoding.
// rtp.cannot_consume when no media codec is common.
common::Result<RtpParameters> consumerParameters(const RtpParameters& consumable,
                                                 const RtpCapabilities& device,
                                                 const ConsumerParametersOptions& options);

}  // namespace vp::sfu::rtp_parameters
