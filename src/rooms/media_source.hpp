#pragma once
// Where a producer's track comes from: the microphone, the camera or a shared
// screen. Each peer has at most one producer per source.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sfu/rtp_parameters/types.hpp"

namespace vp::rooms {

enum class MediaSource : std::uint8_t { Mic, Webcam, Screen };

std::string_view toString(MediaSource source);
std::optional<MediaSource> mediaSourceFromString(std::string_view text);
// mic -> audio; webcam and screen -> video.
sfu::rtp_parameters::MediaKind kindOf(MediaSource source);

}  // namespace vp::rooms
