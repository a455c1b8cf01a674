#pragma once
// SrtpSession: one direction of SRTP/SRTCP protection for one WebRTC transport,
// wrapping a libsrtp2 session keyed from DTLS-SRTP.
//
// - Outbound sessions protect, inbound sessions unprotect; the other calls fail.
// - Any SSRC is accepted (ssrc_any_inbound / ssrc_any_outbound), so the same
//   SSRC may appear in several sessions (one per transport).
// - Inbound: a replay window of kReplayWindow packets; a replayed or too-old
//   packet is refused. Outbound: re-protecting a sequence number is allowed
//   (retransmissions re-send the same packet).
// - Works in place on the caller's buffer: no allocation per packet once an
//   SSRC has been seen (libsrtp allocates a stream per new SSRC).
// - RTP under AEAD_AES_128_GCM is sealed by AeadRtpSealer and opened by
//   AeadRtpOpener (OpenSSL) rather than by libsrtp: same bytes, same replay
//   rules, a fraction of the CPU (see aead_rtp_cipher.hpp). RTCP stays on libsrtp.
// Move-only; single-threaded like the transport that owns it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/result.hpp"
#include "sfu/srtp/srtp_profile.hpp"

struct srtp_ctx_t_;  // libsrtp2's session type, kept out of this header

namespace vp::sfu::srtp {

class AeadRtpSealer;
class AeadRtpOpener;

enum class SrtpDirection { Inbound, Outbound };

class SrtpSession {
  public:
    // Room protect needs after `length` in the buffer: libsrtp may write up to
    // its maximum trailer (tag + MKI) plus the 4-byte SRTCP index.
    static constexpr std::size_t kProtectOverhead = 148;
    static constexpr unsigned long kReplayWindow = 1024;
    // Longest packet accepted (fits libsrtp's int lengths with room to spare).
    static constexpr std::size_t kMaxPacketLength = 65535;

    // keyAndSalt is the master key followed by the master salt, exactly
    // keyAndSaltLength(profile) bytes (as DtlsTransport delivers them).
    static common::Result<SrtpSession> create(SrtpDirection direction, SrtpProfile profile,
                                              std::span<const std::uint8_t> keyAndSalt);

    SrtpSession(SrtpSession&& other) noexcept;
    SrtpSession& operator=(SrtpSession&& other) noexcept;
    SrtpSession(const SrtpSession&) = delete;
    SrtpSession& operator=(const SrtpSession&) = delete;
    ~SrtpSession();

    // RTP packet of `length` bytes at the start of `buffer` -> SRTP in place.
    // buffer.size() must be at least length + kProtectOverhead. Returns the new length.
    common::Result<std::size_t> protectRtp(std::span<std::uint8_t> buffer, std::size_t length);
    // SRTP packet of `length` bytes -> RTP in place; returns the new length.
    common::Result<std::size_t> unprotectRtp(std::span<std::uint8_t> buffer, std::size_t length);
    common::Result<std::size_t> protectRtcp(std::span<std::uint8_t> buffer, std::size_t length);
    common::Result<std::size_t> unprotectRtcp(std::span<std::uint8_t> buffer, std::size_t length);

    SrtpDirection direction() const { return direction_; }
    SrtpProfile profile() const { return profile_; }

  private:
    enum class Operation { ProtectRtp, UnprotectRtp, ProtectRtcp, UnprotectRtcp };

    SrtpSession(srtp_ctx_t_* session, SrtpDirection direction, SrtpProfile profile,
                std::unique_ptr<AeadRtpSealer> sealer, std::unique_ptr<AeadRtpOpener> opener);

    common::Result<std::size_t> run(Operation operation, std::span<std::uint8_t> buffer,
                                    std::size_t length);

    common::Status checkCall(Operation operation, std::span<std::uint8_t> buffer,
                             std::size_t length) const;

    srtp_ctx_t_* session_ = nullptr;
    std::unique_ptr<AeadRtpSealer> sealer_;  // outbound AEAD RTP only
    std::unique_ptr<AeadRtpOpener> opener_;  // inbound AEAD RTP only
    SrtpDirection direction_;
    SrtpProfile profile_;
};

}  // namespace vp::sfu::srtp
