#pragma once
// Semantic checks of parameters a browser sends to produce (after the JSON
// reader checked shapes and bounds). Codes: rtp.invalid_parameters,
// rtp.duplicate_payload_type, rtp.duplicate_ssrc, rtp.duplicate_rid,
// rtp.duplicate_extension_id.
#include "common/result.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::rtp_parameters {

// Unique payload types and extension ids; every RTX codec names an existing
// media codec in "apt"; at least one media codec, listed first; at least one
// encoding, each with an ssrc or a rid; SSRCs (media and RTX) and rids unique.
common::Status validateRtpParameters(const RtpParameters& parameters);

// Unique preferred payload types per kind and extension ids per kind+uri.
common::Status validateRtpCapabilities(const RtpCapabilities& capabilities);

}  // namespace vp::sfu::rtp_parameters
