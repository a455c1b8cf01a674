#include "rooms/media_source.hpp"

namespace vp::rooms {

std::string_view toString(MediaSource source) {
    switch (source) {
        case MediaSource::Mic:
            return "mic";
        case MediaSource::Webcam:
            return "webcam";
        case MediaSource::Screen:
            return "screen";
    }
    return "mic";
}

std::optional<MediaSource> mediaSourceFromString(std::string_view text) {
    for (MediaSource s : {MediaSource::Mic, MediaSource::Webcam, MediaSource::Screen}) {
        if (toString(s) == text) {
            return s;
        }
    }
    if (text == "camera") {  // the meeting protocol's name
        return MediaSource::Webcam;
    }
    return std::nullopt;
}

sfu::rtp_parameters::MediaKind kindOf(MediaSource source) {
    return source == MediaSource::Mic ? sfu::rtp_parameters::MediaKind::Audio
                                      : sfu::rtp_parameters::MediaKind::Video;
}

}  // namespace vp::rooms
