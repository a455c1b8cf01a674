#pragma once
// The codecs and header extensions the router offers (R-MEDIA-2): Opus; VP8,
// VP9 (profile-id 0 and 2) and H.264 (packetization-mode 1, profile-level-id
// 42e01f, 4d001f, 640032, level asymmetry allowed), each video codec with RTX.
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::rtp_parameters {

// The router's RTP capabilities with preferred payload types (100 upwards, each
// RTX right after its media codec) and extension ids assigned: what
// router.rtpCapabilities is to mediasoup, and what mediasoup-client's
// device.load({routerRtpCapabilities}) consumes.
const RtpCapabilities& routerRtpCapabilities();

}  // namespace vp::sfu::rtp_parameters
