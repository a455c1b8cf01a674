// Any bytes as RTP parameters and as RTP capabilities: never crash; what parses
// must serialise and parse back to the same value; validation and negotiation
// against the router's capabilities must hold up on whatever got through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sfu/rtp_parameters/json.hpp"
#include "sfu/rtp_parameters/ortc.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"
#include "sfu/rtp_parameters/validation.hpp"

namespace rp = vp::sfu::rtp_parameters;

namespace {

void check(bool condition) {
    if (!condition) {
        __builtin_trap();  // survives NDEBUG: a broken round trip is a finding
    }
}

void fuzzParameters(std::string_view text) {
    auto params = rp::parseRtpParameters(text);
    if (!params) {
        check(!params.error().code.empty() && !params.error().message.empty());
        return;
    }
    auto again = rp::parseRtpParameters(rp::toJson(*params));
    check(again.ok() && *again == *params);
    if (!rp::validateRtpParameters(*params)) {
        return;
    }
    const auto& router = rp::routerRtpCapabilities();
    auto mapping = rp::mapProducerParameters(*params, router, 1000);
    if (!mapping) {
        return;
    }
    auto kind = rp::kindOfMimeType(params->codecs.front().mimeType);
    check(kind.has_value());
    auto consumable = rp::consumableParameters(*kind, *params, router, *mapping);
    auto consumer = rp::consumerParameters(consumable, router, {.ssrc = 5, .enableRtx = true});
    check(consumer.ok() == rp::canConsume(consumable, router));
}

void fuzzCapabilities(std::string_view text) {
    auto caps = rp::parseRtpCapabilities(text);
    if (!caps) {
        return;
    }
    auto again = rp::parseRtpCapabilities(rp::toJson(*caps));
    check(again.ok() && *again == *caps);
    (void)rp::validateRtpCapabilities(*caps);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzzParameters(text);
    fuzzCapabilities(text);
    return 0;
}
