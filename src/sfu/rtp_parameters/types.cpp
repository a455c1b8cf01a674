#include "sfu/rtp_parameters/types.hpp"

#include <algorithm>
#include <cctype>

namespace vp::sfu::rtp_parameters {

std::string_view toString(MediaKind kind) {
    return kind == MediaKind::Audio ? "audio" : "video";
}

std::optional<MediaKind> mediaKindFromString(std::string_view text) {
    if (text == "audio") {
        return MediaKind::Audio;
    }
    if (text == "video") {
        return MediaKind::Video;
    }
    return std::nullopt;
}

std::string_view toString(Direction direction) {
    switch (direction) {
        case Direction::SendRecv:
            return "sendrecv";
        case Direction::SendOnly:
            return "sendonly";
        case Direction::RecvOnly:
            return "recvonly";
        case Direction::Inactive:
            return "inactive";
    }
    return "inactive";
}

std::optional<Direction> directionFromString(std::string_view text) {
    for (Direction d :
         {Direction::SendRecv, Direction::SendOnly, Direction::RecvOnly, Direction::Inactive}) {
        if (toString(d) == text) {
            return d;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> intParameter(const CodecParameters& parameters, std::string_view key) {
    auto it = parameters.find(key);
    if (it == parameters.end()) {
        return std::nullopt;
    }
    if (const auto* n = std::get_if<std::int64_t>(&it->second)) {
        return *n;
    }
    return std::nullopt;
}

std::optional<std::string> stringParameter(const CodecParameters& parameters,
                                           std::string_view key) {
    auto it = parameters.find(key);
    if (it == parameters.end()) {
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(&it->second)) {
        return *s;
    }
    return std::nullopt;
}

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

bool sameMimeType(std::string_view a, std::string_view b) {
    return equalsIgnoreCase(a, b);
}

bool isRtxMimeType(std::string_view mimeType) {
    const auto slash = mimeType.find('/');
    return slash != std::string_view::npos && equalsIgnoreCase(mimeType.substr(slash + 1), "rtx");
}

std::optional<MediaKind> kindOfMimeType(std::string_view mimeType) {
    const auto slash = mimeType.find('/');
    if (slash == std::string_view::npos || slash + 1 == mimeType.size()) {
        return std::nullopt;
    }
    const std::string_view type = mimeType.substr(0, slash);
    if (equalsIgnoreCase(type, "audio")) {
        return MediaKind::Audio;
    }
    if (equalsIgnoreCase(type, "video")) {
        return MediaKind::Video;
    }
    return std::nullopt;
}

}  // namespace vp::sfu::rtp_parameters
