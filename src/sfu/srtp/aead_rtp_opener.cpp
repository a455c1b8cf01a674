#include "sfu/srtp/aead_rtp_opener.hpp"

#include <algorithm>

namespace vp::sfu::srtp {

common::Result<std::unique_ptr<AeadRtpOpener>> AeadRtpOpener::create(
    std::span<const std::uint8_t> keyAndSalt) {
    auto cipher = AeadRtpCipher::create(AeadRtpCipher::Mode::Open, keyAndSalt);
    if (!cipher.ok()) {
        return cipher.error();
    }
    return std::unique_ptr<AeadRtpOpener>(new AeadRtpOpener(std::move(cipher).value()));
}

common::Result<std::size_t> AeadRtpOpener::open(std::span<std::uint8_t> buffer,
                                                std::size_t length) {
    const auto packet = buffer.first(std::min(length, buffer.size()));
    const std::size_t header = rtpHeaderLength(packet);
    if (header == 0 || length > buffer.size() || length < header + AeadRtpCipher::kTagLength) {
        return common::makeError("srtp_malformed",
                                 "unprotect SRTP: not a well-formed packet; drop the packet");
    }
    std::uint8_t* p = buffer.data();
    const std::uint16_t sequence = rtpSequence(p);
    const std::uint32_t ssrc = rtpSsrc(p);
    bool created = false;
    Replay& replay = replay_.find(ssrc, created);
    const std::uint64_t index = estimatePacketIndex(replay.highest, sequence);
    const bool newer = index > replay.highest;
    const std::uint64_t age = newer ? 0 : replay.highest - index;
    if (!newer && (age >= kWindow || replay.seen[age])) {
        return common::makeError("srtp_replay",
                                 "unprotect SRTP: packet replayed or older than the replay "
                                 "window; drop the packet");
    }
    if (!cipher_->open(p, header, length, static_cast<std::uint32_t>(index >> 16))) {
        return common::makeError("srtp_auth_failed",
                                 "unprotect SRTP: authentication tag mismatch (tampered packet "
                                 "or wrong keys); drop the packet");
    }
    if (newer) {
        const std::uint64_t shift = index - replay.highest;
        replay.seen = shift >= kWindow ? std::bitset<kWindow>{} : replay.seen << shift;
        replay.highest = index;
        replay.seen.set(0);
    } else {
        replay.seen.set(age);
    }
    return length - AeadRtpCipher::kTagLength;
}

}  // namespace vp::sfu::srtp
