#pragma once
// AeadRtpOpener: SRTP unprotection of incoming RTP under AEAD_AES_128_GCM with
// AeadRtpCipher, with libsrtp's replay protection: per SSRC the highest packet
// index and a window of the last kWindow indices; a packet older than the
// window or already received is refused, and the window moves only after the
// tag authenticated. Single-threaded, like the SrtpSession that owns it.
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/result.hpp"
#include "sfu/srtp/aead_rtp_cipher.hpp"
#include "sfu/srtp/ssrc_state_map.hpp"

namespace vp::sfu::srtp {

class AeadRtpOpener {
  public:
    static constexpr std::size_t kWindow = 1024;

    static common::Result<std::unique_ptr<AeadRtpOpener>> create(
        std::span<const std::uint8_t> keyAndSalt);

    // SRTP packet of `length` bytes -> RTP in place; returns the new length.
    common::Result<std::size_t> open(std::span<std::uint8_t> buffer, std::size_t length);

  private:
    struct Replay {
        std::uint64_t highest = 0;
        std::bitset<kWindow> seen;  // bit i: index highest - i was received
    };

    explicit AeadRtpOpener(std::unique_ptr<AeadRtpCipher> cipher) : cipher_(std::move(cipher)) {}

    std::unique_ptr<AeadRtpCipher> cipher_;
    SsrcStateMap<Replay> replay_;
};

}  // namespace vp::sfu::srtp
