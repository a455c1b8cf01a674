#include "sfu/router/vp8_picture_rewriter.hpp"

namespace vp::sfu::router {

namespace {

// a is after b in a sequence space of `modulus` values.
bool isNewer(std::uint32_t a, std::uint32_t b, std::uint32_t modulus) {
    const std::uint32_t distance = (a - b) & (modulus - 1);
    return distance != 0 && distance < modulus / 2;
}

}  // namespace

void Vp8PictureRewriter::rewrite(packet::MutableBytes payload,
                                 const packet::Vp8PayloadDescriptor& descriptor,
                                 bool retransmission) {
    const std::uint32_t modulus = descriptor.pictureIdModulus();
    const std::uint32_t mask = modulus - 1;
    const std::uint16_t inPicture = descriptor.pictureId.value_or(0);
    const std::uint8_t inTl0 = descriptor.tl0PicIdx.value_or(0);
    if (syncPending_ && !retransmission) {
        const std::uint16_t outPicture =
            sentAny_ ? static_cast<std::uint16_t>((maxPicture_ + 1) & mask) : inPicture;
        const std::uint8_t outTl0 = sentAny_ ? static_cast<std::uint8_t>(maxTl0_ + 1) : inTl0;
        pictureOffset_ = static_cast<std::uint16_t>((outPicture - inPicture) & mask);
        tl0Offset_ = static_cast<std::uint8_t>(outTl0 - inTl0);
        syncPending_ = false;
    }
    const auto outPicture = static_cast<std::uint16_t>((inPicture + pictureOffset_) & mask);
    const auto outTl0 = static_cast<std::uint8_t>(inTl0 + tl0Offset_);
    if (!retransmission) {
        if (descriptor.pictureId && (!sentAny_ || isNewer(outPicture, maxPicture_, modulus))) {
            maxPicture_ = outPicture;
        }
        if (descriptor.tl0PicIdx && (!sentAny_ || isNewer(outTl0, maxTl0_, 256))) {
            maxTl0_ = outTl0;
        }
        sentAny_ = true;
    }
    packet::rewriteVp8PayloadDescriptor(payload, descriptor, outPicture, outTl0);
}

}  // namespace vp::sfu::router
