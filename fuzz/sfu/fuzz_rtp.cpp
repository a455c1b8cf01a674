// RTP parser on arbitrary bytes; an accepted packet is rewritten with the
// writer (header, CSRCs, extension elements, payload, padding) and must parse
// back to the same fields. The in-place rewriter is exercised too.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "fuzz_check.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/packet/rtp_writer.hpp"

using namespace vp::sfu::packet;

namespace {

bool sameBytes(Bytes a, Bytes b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

std::vector<RtpExtensionElement> elementsOf(const RtpPacketView& p, bool& ok) {
    std::vector<RtpExtensionElement> elements;
    ok = p.forEachExtension([&](std::uint8_t id, Bytes value) {
        elements.push_back({id, value});
        (void)decodeSdesText(value);
        (void)decodeAbsSendTime(value);
        (void)decodeTransportSequenceNumber(value);
        (void)decodeAudioLevel(value);
        (void)decodeVideoOrientation(value);
    });
    return elements;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto p = RtpPacketView::parse(Bytes(data, size));
    if (!p) {
        return 0;
    }
    bool elementsOk = false;
    const auto elements = elementsOf(*p, elementsOk);
    for (std::uint8_t id = 1; id < 20; ++id) {
        (void)p->extension(id);
    }
    if (!elementsOk || elements.size() > 4000) {
        return 0;
    }
    std::array<std::uint32_t, 15> csrcs{};
    for (std::size_t i = 0; i < p->csrcCount(); ++i) {
        csrcs[i] = p->csrc(i);
    }
    const RtpHeaderFields header{p->payloadType(),    p->marker(),
                                 p->sequenceNumber(), p->timestamp(),
                                 p->ssrc(),           std::span(csrcs).first(p->csrcCount())};
    std::vector<std::uint8_t> out(size + 4 * elements.size() + 64);
    auto written = writeRtpPacket(out, header, elements, p->payload(),
                                  static_cast<std::uint8_t>(p->paddingSize()));
    FUZZ_CHECK(written.ok());
    out.resize(*written);

    auto q = MutableRtpPacket::parse(out);
    FUZZ_CHECK(q.has_value());
    const RtpPacketView& v = q->view();
    FUZZ_CHECK(v.payloadType() == p->payloadType() && v.marker() == p->marker());
    FUZZ_CHECK(v.sequenceNumber() == p->sequenceNumber() && v.timestamp() == p->timestamp());
    FUZZ_CHECK(v.ssrc() == p->ssrc() && v.csrcCount() == p->csrcCount());
    for (std::size_t i = 0; i < p->csrcCount(); ++i) {
        FUZZ_CHECK(v.csrc(i) == p->csrc(i));
    }
    FUZZ_CHECK(sameBytes(v.payload(), p->payload()) && v.paddingSize() == p->paddingSize());
    bool againOk = false;
    const auto again = elementsOf(v, againOk);
    FUZZ_CHECK(againOk && again.size() == elements.size());
    for (std::size_t i = 0; i < again.size(); ++i) {
        FUZZ_CHECK(again[i].id == elements[i].id && sameBytes(again[i].value, elements[i].value));
    }

    // In-place rewrites leave everything else intact.
    q->setSsrc(~p->ssrc());
    q->setSequenceNumber(static_cast<std::uint16_t>(p->sequenceNumber() + 1));
    if (!elements.empty()) {
        std::vector<std::uint8_t> zeros(elements[0].value.size(), 0);
        FUZZ_CHECK(q->setExtension(elements[0].id, zeros));
    }
    auto r = RtpPacketView::parse(out);
    FUZZ_CHECK(r.has_value() && r->ssrc() == ~p->ssrc());
    FUZZ_CHECK(r->sequenceNumber() == static_cast<std::uint16_t>(p->sequenceNumber() + 1));
    FUZZ_CHECK(sameBytes(r->payload(), p->payload()));
    return 0;
}
