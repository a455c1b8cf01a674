#pragma once
// The little SDP the load client needs to talk to Janus: one offer or answer
// with ICE credentials, a sha-256 DTLS fingerprint and setup role, host
// candidates, and one audio and/or one video m-line (payload type, rtpmap,
// mid, direction, SSRC with its RTX FID group, the mid extension). Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace vp::tools::loadtest {

struct SdpCandidate {
    std::string address;
    std::uint16_t port = 0;
};

struct SdpMedia {
    std::string kind;  // "audio" | "video"
    std::string mid;
    std::uint8_t payloadType = 0;
    std::string codec;  // rtpmap: "opus/48000/2", "VP8/90000"
    std::uint32_t clockRate = 0;
    std::optional<std::uint8_t> rtxPayloadType;
    std::string direction = "sendrecv";  // sendonly | recvonly | sendrecv | inactive
    std::optional<std::uint32_t> ssrc;
    std::optional<std::uint32_t> rtxSsrc;
    std::uint8_t midExtensionId = 0;  // 0: none
    bool rejected = false;            // port 0
};

struct SdpDescription {
    std::string iceUfrag;
    std::string icePwd;
    std::string fingerprint;  // sha-256 "AB:CD:..."
    std::string setup;        // active | passive | actpass
    std::vector<SdpCandidate> candidates;
    std::vector<SdpMedia> media;
};

std::string writeSdp(const SdpDescription& description);
// Reads what writeSdp writes and what Janus sends; session-level ICE and DTLS
// attributes apply to every m-line, media-level ones override them.
common::Result<SdpDescription> parseSdp(std::string_view text);

}  // namespace vp::tools::loadtest
