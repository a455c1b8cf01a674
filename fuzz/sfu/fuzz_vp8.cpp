// VP8 payload descriptor on arbitrary bytes: parse must stay in bounds; an
// accepted descriptor rewritten with new picture id / TL0PICIDX must parse back
// with the same layout, the new values (masked to the width) and unchanged data.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "fuzz_check.hpp"
#include "sfu/packet/vp8_payload_descriptor.hpp"

using namespace vp::sfu::packet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto d = parseVp8PayloadDescriptor(Bytes(data, size));
    if (!d) {
        return 0;
    }
    FUZZ_CHECK(d->size >= 1 && d->size < size);
    std::vector<std::uint8_t> copy(data, data + size);
    const auto pictureId = static_cast<std::uint16_t>(size * 7919u);
    const auto tl0 = static_cast<std::uint8_t>(size * 31u);
    rewriteVp8PayloadDescriptor(copy, *d, pictureId, tl0);
    auto again = parseVp8PayloadDescriptor(copy);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->size == d->size && again->keyframeStart == d->keyframeStart);
    FUZZ_CHECK(again->pictureId15 == d->pictureId15 && again->temporalId == d->temporalId);
    FUZZ_CHECK(again->keyIdx == d->keyIdx);
    if (d->pictureId) {
        FUZZ_CHECK(*again->pictureId == (pictureId & (d->pictureIdModulus() - 1)));
    }
    if (d->tl0PicIdx) {
        FUZZ_CHECK(*again->tl0PicIdx == tl0);
    }
    FUZZ_CHECK(std::equal(copy.begin() + static_cast<std::ptrdiff_t>(d->size), copy.end(),
                          data + d->size));
    return 0;
}
