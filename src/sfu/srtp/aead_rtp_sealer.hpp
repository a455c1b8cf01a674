#pragma once
// AeadRtpSealer: SRTP protection of outgoing RTP under AEAD_AES_128_GCM with
// AeadRtpCipher; keeps each SSRC's highest packet index so that the rollover
// counter follows sequence-number wraps, and retransmissions or reordered
// packets reuse the ROC they were first sent with (as libsrtp's sender does).
// Single-threaded, like the SrtpSession that owns it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/result.hpp"
#include "sfu/srtp/aead_rtp_cipher.hpp"
#include "sfu/srtp/ssrc_state_map.hpp"

namespace vp::sfu::srtp {

class AeadRtpSealer {
  public:
    static common::Result<std::unique_ptr<AeadRtpSealer>> create(
        std::span<const std::uint8_t> keyAndSalt);

    // RTP packet of `length` bytes at the start of `buffer` -> SRTP in place;
    // needs AeadRtpCipher::kTagLength spare bytes after it. Returns the new length.
    common::Result<std::size_t> seal(std::span<std::uint8_t> buffer, std::size_t length);

  private:
    explicit AeadRtpSealer(std::unique_ptr<AeadRtpCipher> cipher) : cipher_(std::move(cipher)) {}

    std::unique_ptr<AeadRtpCipher> cipher_;
    SsrcStateMap<std::uint64_t> highestIndex_;
};

}  // namespace vp::sfu::srtp
