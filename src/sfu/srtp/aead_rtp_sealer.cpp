#include "sfu/srtp/aead_rtp_sealer.hpp"

#include <algorithm>

namespace vp::sfu::srtp {

common::Result<std::unique_ptr<AeadRtpSealer>> AeadRtpSealer::create(
    std::span<const std::uint8_t> keyAndSalt) {
    auto cipher = AeadRtpCipher::create(AeadRtpCipher::Mode::Seal, keyAndSalt);
    if (!cipher.ok()) {
        return cipher.error();
    }
    return std::unique_ptr<AeadRtpSealer>(new AeadRtpSealer(std::move(cipher).value()));
}

common::Result<std::size_t> AeadRtpSealer::seal(std::span<std::uint8_t> buffer,
                                                std::size_t length) {
    const std::size_t header = rtpHeaderLength(buffer.first(std::min(length, buffer.size())));
    if (header == 0 || length > buffer.size() ||
        buffer.size() - length < AeadRtpCipher::kTagLength) {
        return common::makeError("srtp_malformed",
                                 "protect RTP: not a well-formed packet or no room for the tag; "
                                 "drop the packet");
    }
    std::uint8_t* p = buffer.data();
    const std::uint16_t sequence = rtpSequence(p);
    const std::uint32_t ssrc = rtpSsrc(p);
    bool created = false;
    std::uint64_t& highest = highestIndex_.find(ssrc, created);  // starts at 0, as in libsrtp
    const std::uint64_t index = estimatePacketIndex(highest, sequence);
    highest = std::max(highest, index);
    if (!cipher_->seal(p, header, length, static_cast<std::uint32_t>(index >> 16))) {
        return common::makeError("srtp_failed", "protect RTP: AES-GCM failed; drop the packet");
    }
    return length + AeadRtpCipher::kTagLength;
}

}  // namespace vp::sfu::srtp
