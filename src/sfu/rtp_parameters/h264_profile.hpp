#pragma once
// H.264 profile-level-id (RFC 6184 8.1): which profile a codec entry offers, so
// codec matching can tell Constrained Baseline from Main or High.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::rtp_parameters {

enum class H264Profile : std::uint8_t {
    ConstrainedBaseline,
    Baseline,
    Main,
    ConstrainedHigh,
    High,
};

struct H264ProfileLevelId {
    H264Profile profile = H264Profile::ConstrainedBaseline;
    std::uint8_t level = 0;  // level_idc; level 1b is reported as 0 (below 1.1)
    friend bool operator==(const H264ProfileLevelId&, const H264ProfileLevelId&) = default;
};

// Six hex digits: profile_idc, profile_iop, level_idc. nullopt when malformed or
// naming a profile or level we do not know.
std::optional<H264ProfileLevelId> parseH264ProfileLevelId(std::string_view hex);
// The profile-level-id of fmtp parameters; absent means 42e01f (RFC 6184).
std::optional<H264ProfileLevelId> h264ProfileLevelIdOf(const CodecParameters& parameters);
// True when both parameter sets name the same known profile.
bool isSameH264Profile(const CodecParameters& a, const CodecParameters& b);

}  // namespace vp::sfu::rtp_parameters
