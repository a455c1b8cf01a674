#include "sfu/rtp_parameters/validation.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace vp::sfu::rtp_parameters {

namespace {

common::Error invalid(std::string code, std::string message) {
    return common::makeError(std::move(code), std::move(message));
}

std::string at(std::string_view list, std::size_t i) {
    return "rtpParameters." + std::string(list) + "[" + std::to_string(i) + "]";
}

common::Status validateCodecs(const std::vector<RtpCodecParameters>& codecs) {
    if (codecs.empty() || isRtxMimeType(codecs.front().mimeType)) {
        return invalid("rtp.invalid_parameters",
                       "rtpParameters.codecs must list at least one media codec, first");
    }
    std::set<std::uint8_t> payloadTypes;
    for (std::size_t i = 0; i < codecs.size(); ++i) {
        if (!payloadTypes.insert(codecs[i].payloadType).second) {
            return invalid("rtp.duplicate_payload_type", at("codecs", i) + ".payloadType " +
                                                             std::to_string(codecs[i].payloadType) +
                                                             " is used twice");
        }
    }
    for (std::size_t i = 0; i < codecs.size(); ++i) {
        if (!isRtxMimeType(codecs[i].mimeType)) {
            continue;
        }
        auto apt = intParameter(codecs[i].parameters, "apt");
        const bool found =
            apt && std::any_of(codecs.begin(), codecs.end(), [&](const RtpCodecParameters& c) {
                return !isRtxMimeType(c.mimeType) && c.payloadType == *apt;
            });
        if (!found) {
            return invalid(
                "rtp.invalid_parameters",
                at("codecs", i) + ".parameters.apt must name the payload type of a media codec");
        }
    }
    return {};
}

common::Status validateExtensions(const std::vector<RtpHeaderExtensionParameters>& extensions) {
    std::set<std::uint8_t> ids;
    for (std::size_t i = 0; i < extensions.size(); ++i) {
        if (!ids.insert(extensions[i].id).second) {
            return invalid("rtp.duplicate_extension_id", at("headerExtensions", i) + ".id " +
                                                             std::to_string(extensions[i].id) +
                                                             " is used twice");
        }
    }
    return {};
}

common::Status validateEncodings(const std::vector<RtpEncodingParameters>& encodings) {
    if (encodings.empty()) {
        return invalid("rtp.invalid_parameters",
                       "rtpParameters.encodings must list at least one encoding");
    }
    std::set<std::uint32_t> ssrcs;
    std::set<std::string> rids;
    for (std::size_t i = 0; i < encodings.size(); ++i) {
        const auto& e = encodings[i];
        if (!e.ssrc && !e.rid) {
            return invalid("rtp.invalid_parameters",
                           at("encodings", i) + " needs an ssrc or a rid");
        }
        for (auto ssrc : {e.ssrc, e.rtxSsrc}) {
            if (ssrc && !ssrcs.insert(*ssrc).second) {
                return invalid("rtp.duplicate_ssrc",
                               at("encodings", i) + " repeats SSRC " + std::to_string(*ssrc));
            }
        }
        if (e.rid && !rids.insert(*e.rid).second) {
            return invalid("rtp.duplicate_rid",
                           at("encodings", i) + ".rid repeats \"" + *e.rid + "\"");
        }
    }
    return {};
}

}  // namespace

common::Status validateRtpParameters(const RtpParameters& parameters) {
    if (auto s = validateCodecs(parameters.codecs); !s) {
        return s;
    }
    if (auto s = validateExtensions(parameters.headerExtensions); !s) {
        return s;
    }
    return validateEncodings(parameters.encodings);
}

common::Status validateRtpCapabilities(const RtpCapabilities& capabilities) {
    std::set<std::pair<MediaKind, std::uint8_t>> payloadTypes;
    for (std::size_t i = 0; i < capabilities.codecs.size(); ++i) {
        const auto& c = capabilities.codecs[i];
        if (c.preferredPayloadType &&
            !payloadTypes.insert({c.kind, *c.preferredPayloadType}).second) {
            return invalid("rtp.duplicate_payload_type",
                           "rtpCapabilities.codecs[" + std::to_string(i) +
                               "].preferredPayloadType is used twice");
        }
    }
    std::set<std::pair<MediaKind, std::uint8_t>> ids;
    for (std::size_t i = 0; i < capabilities.headerExtensions.size(); ++i) {
        const auto& e = capabilities.headerExtensions[i];
        if (!ids.insert({e.kind, e.preferredId}).second) {
            return invalid("rtp.duplicate_extension_id",
                           "rtpCapabilities.headerExtensions[" + std::to_string(i) +
                               "].preferredId is used twice for " + std::string(toString(e.kind)));
        }
    }
    return {};
}

}  // namespace vp::sfu::rtp_parameters
