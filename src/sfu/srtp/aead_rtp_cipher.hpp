#pragma once
// AeadRtpCipher: the AEAD_AES_128_GCM transform of SRTP (RFC 7714) for RTP
// packets, on OpenSSL's AES-GCM with one cipher context keyed once per session.
// The pieces both directions share:
//   - session key and salt derived from the master key and salt by the AES-CM
//     key derivation of RFC 3711 §4.3 (labels 0x00 and 0x02, no derivation rate);
//   - IV = (00 00 || SSRC || ROC || SEQ) XOR session salt (RFC 7714 §8.1);
//   - associated data = the RTP header with CSRCs and header extension; the
//     payload is encrypted in place, followed by the 16-byte tag;
//   - the packet index estimate of RFC 3711 Appendix A, as libsrtp computes it.
// Why not libsrtp: Debian's libsrtp2 runs on NSS, which sets up a PKCS#11
// context for every packet; a forwarding server protects each packet once per
// subscriber, and that set-up was a fifth of its CPU. The bytes are the same as
// libsrtp's (tests/unit/sfu/srtp/aead_rtp_test.cpp compares them).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/result.hpp"

namespace vp::sfu::srtp {

class AeadRtpCipher {
  public:
    static constexpr std::size_t kTagLength = 16;
    static constexpr std::size_t kKeyAndSaltLength = 28;  // 16-byte key, 12-byte salt

    enum class Mode { Seal, Open };
    static common::Result<std::unique_ptr<AeadRtpCipher>> create(
        Mode mode, std::span<const std::uint8_t> keyAndSalt);

    ~AeadRtpCipher();
    AeadRtpCipher(const AeadRtpCipher&) = delete;
    AeadRtpCipher& operator=(const AeadRtpCipher&) = delete;

    // `packet` is header + payload (+ tag space / tag); `header` its header length.
    // seal: encrypts the payload of packet[0, length) in place and writes the tag
    // after it (the caller made room). open: packet[0, length) ends with the tag;
    // decrypts in place and returns false when the tag does not authenticate.
    bool seal(std::uint8_t* packet, std::size_t header, std::size_t length, std::uint32_t roc);
    bool open(std::uint8_t* packet, std::size_t header, std::size_t length, std::uint32_t roc);

  private:
    AeadRtpCipher() = default;
    void iv(const std::uint8_t* packet, std::uint32_t roc, std::uint8_t out[12]) const;

    void* cipher_ = nullptr;  // EVP_CIPHER_CTX*
    std::uint8_t salt_[12] = {};
};

// The RTP header length (fixed part, CSRCs, extension) of a packet, or 0 when
// the bytes are not a well-formed RTP packet.
std::size_t rtpHeaderLength(std::span<const std::uint8_t> packet);

// The sequence number and SSRC of an RTP header (at least 12 bytes; the
// header itself is not encrypted).
inline std::uint16_t rtpSequence(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[2] << 8) | p[3]);
}
inline std::uint32_t rtpSsrc(const std::uint8_t* p) {
    return (std::uint32_t{p[8]} << 24) | (std::uint32_t{p[9]} << 16) | (std::uint32_t{p[10]} << 8) |
           p[11];
}

// RFC 3711 Appendix A as libsrtp's srtp_rdbx_estimate_index does it: the 48-bit
// packet index (ROC << 16 | sequence) nearest to `highestIndex` for `sequence`;
// ROC 0 while the highest index is at most 2^15.
std::uint64_t estimatePacketIndex(std::uint64_t highestIndex, std::uint16_t sequence);

}  // namespace vp::sfu::srtp
