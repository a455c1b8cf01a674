#include "tools/loadtest/sdp.hpp"

#include <charconv>

namespace vp::tools::loadtest {

namespace {

constexpr std::size_t kMaxSdpBytes = 64 * 1024;
constexpr std::string_view kMidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

template <typename T>
std::optional<T> number(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t at = 0;
    while (at <= text.size()) {
        const auto end = text.find(separator, at);
        const auto part = text.substr(at, end == std::string_view::npos ? end : end - at);
        if (!part.empty()) {
            parts.push_back(part);
        }
        if (end == std::string_view::npos) {
            break;
        }
        at = end + 1;
    }
    return parts;
}

void attribute(SdpDescription& d, SdpMedia* m, std::string_view name, std::string_view value) {
    if (name == "ice-ufrag") {
        d.iceUfrag = std::string(value);
    } else if (name == "ice-pwd") {
        d.icePwd = std::string(value);
    } else if (name == "fingerprint" && value.substr(0, 8) == "sha-256 ") {
        d.fingerprint = std::string(value.substr(8));
    } else if (name == "setup") {
        d.setup = std::string(value);
    } else if (name == "candidate") {
        // foundation component transport priority address port typ type ...
        const auto f = split(value, ' ');
        if (f.size() >= 8 && (f[2] == "udp" || f[2] == "UDP") && f[1] == "1") {
            if (auto port = number<std::uint16_t>(f[5])) {
                d.candidates.push_back({std::string(f[4]), *port});
            }
        }
    } else if (m == nullptr) {
        return;
    } else if (name == "mid") {
        m->mid = std::string(value);
    } else if (name == "sendonly" || name == "recvonly" || name == "sendrecv" ||
               name == "inactive") {
        m->direction = std::string(name);
    } else if (name == "rtpmap") {
        const auto space = value.find(' ');
        const auto pt = number<unsigned>(value.substr(0, space));
        if (!pt || space == std::string_view::npos) {
            return;
        }
        const std::string_view codec = value.substr(space + 1);
        const auto parts = split(codec, '/');
        if (parts.size() >= 2 && (parts[0] == "rtx" || parts[0] == "RTX")) {
            m->rtxPayloadType = static_cast<std::uint8_t>(*pt);
        } else if (m->codec.empty() && parts.size() >= 2) {
            m->payloadType = static_cast<std::uint8_t>(*pt);
            m->codec = std::string(codec);
            m->clockRate = number<std::uint32_t>(parts[1]).value_or(0);
        }
    } else if (name == "ssrc-group" && value.substr(0, 4) == "FID ") {
        const auto f = split(value.substr(4), ' ');
        if (f.size() == 2) {
            m->ssrc = number<std::uint32_t>(f[0]);
            m->rtxSsrc = number<std::uint32_t>(f[1]);
        }
    } else if (name == "ssrc" && !m->ssrc) {
        m->ssrc = number<std::uint32_t>(value.substr(0, value.find(' ')));
    } else if (name == "extmap") {
        const auto space = value.find(' ');
        if (space != std::string_view::npos && value.substr(space + 1) == kMidUri) {
            m->midExtensionId = number<std::uint8_t>(value.substr(0, space)).value_or(0);
        }
    }
}

}  // namespace

std::string writeSdp(const SdpDescription& d) {
    std::string out = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE";
    for (const auto& m : d.media) {
        out += " " + m.mid;
    }
    out += "\r\na=msid-semantic: WMS *\r\n";
    bool first = true;
    for (const auto& m : d.media) {
        std::string pts = std::to_string(m.payloadType);
        if (m.rtxPayloadType) {
            pts += " " + std::to_string(*m.rtxPayloadType);
        }
        out +=
            "m=" + m.kind + " " + (m.rejected ? "0" : "9") + " UDP/TLS/RTP/SAVPF " + pts + "\r\n";
        out += "c=IN IP4 127.0.0.1\r\n";
        out += "a=ice-ufrag:" + d.iceUfrag + "\r\na=ice-pwd:" + d.icePwd + "\r\n";
        out += "a=fingerprint:sha-256 " + d.fingerprint + "\r\na=setup:" + d.setup + "\r\n";
        out += "a=mid:" + m.mid + "\r\na=" + m.direction + "\r\na=rtcp-mux\r\n";
        if (m.midExtensionId != 0) {
            out += "a=extmap:" + std::to_string(m.midExtensionId) + " " + std::string(kMidUri) +
                   "\r\n";
        }
        out += "a=rtpmap:" + std::to_string(m.payloadType) + " " + m.codec + "\r\n";
        if (m.kind == "video") {
            for (const char* fb : {"ccm fir", "nack", "nack pli"}) {
                out += "a=rtcp-fb:" + std::to_string(m.payloadType) + " " + fb + "\r\n";
            }
        }
        if (m.rtxPayloadType) {
            out += "a=rtpmap:" + std::to_string(*m.rtxPayloadType) + " rtx/" +
                   std::to_string(m.clockRate) + "\r\na=fmtp:" + std::to_string(*m.rtxPayloadType) +
                   " apt=" + std::to_string(m.payloadType) + "\r\n";
        }
        if (m.ssrc) {
            if (m.rtxSsrc) {
                out += "a=ssrc-group:FID " + std::to_string(*m.ssrc) + " " +
                       std::to_string(*m.rtxSsrc) + "\r\n";
            }
            out += "a=ssrc:" + std::to_string(*m.ssrc) + " cname:loadtest\r\n";
            if (m.rtxSsrc) {
                out += "a=ssrc:" + std::to_string(*m.rtxSsrc) + " cname:loadtest\r\n";
            }
        }
        if (first) {
            for (const auto& c : d.candidates) {
                out += "a=candidate:1 1 udp 2130706431 " + c.address + " " +
                       std::to_string(c.port) + " typ host\r\n";
            }
            out += "a=end-of-candidates\r\n";
            first = false;
        }
    }
    return out;
}

common::Result<SdpDescription> parseSdp(std::string_view text) {
    if (text.size() > kMaxSdpBytes) {
        return common::makeError("loadtest.bad_sdp", "the SDP is larger than 64 KiB");
    }
    SdpDescription d;
    SdpMedia* current = nullptr;
    for (std::string_view line : split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.size() < 2 || line[1] != '=') {
            continue;
        }
        const std::string_view value = line.substr(2);
        if (line[0] == 'm') {
            const auto f = split(value, ' ');
            if (f.size() < 4) {
                return common::makeError("loadtest.bad_sdp", "an m-line has fewer than 4 fields");
            }
            SdpMedia m;
            m.kind = std::string(f[0]);
            m.rejected = f[1] == "0";
            d.media.push_back(std::move(m));
            current = &d.media.back();
        } else if (line[0] == 'a') {
            const auto colon = value.find(':');
            attribute(
                d, current, value.substr(0, colon),
                colon == std::string_view::npos ? std::string_view() : value.substr(colon + 1));
        }
    }
    if (d.iceUfrag.empty() || d.icePwd.empty() || d.fingerprint.empty()) {
        return common::makeError("loadtest.bad_sdp",
                                 "the SDP lacks ice-ufrag, ice-pwd or a sha-256 fingerprint");
    }
    return d;
}

}  // namespace vp::tools::loadtest
