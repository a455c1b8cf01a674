#include "sfu/srtp/srtp_session.hpp"

#include <srtp2/srtp.h>

#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "sfu/srtp/aead_rtp_opener.hpp"
#include "sfu/srtp/aead_rtp_sealer.hpp"
#include "sfu/srtp/srtp_library.hpp"

namespace vp::sfu::srtp {
namespace {

static_assert(SrtpSession::kProtectOverhead >= SRTP_MAX_TRAILER_LEN + 4);

constexpr const char* kOperationNames[] = {"protect RTP", "unprotect SRTP", "protect RTCP",
                                           "unprotect SRTCP"};
static_assert(kMaxKeyAndSaltLength <= SRTP_MAX_KEY_LEN);

void setCryptoPolicy(SrtpProfile profile, srtp_policy_t& policy) {
    switch (profile) {
        case SrtpProfile::AesCm128HmacSha1_80:
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
            return;
        case SrtpProfile::AeadAes128Gcm:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
            return;
    }
}

common::Error operationError(srtp_err_status_t status, const char* what) {
    const std::string op(what);
    switch (status) {
        case srtp_err_status_auth_fail:
            return common::makeError("srtp_auth_failed",
                                     op + ": authentication tag mismatch (tampered packet or "
                                          "wrong keys); drop the packet");
        case srtp_err_status_replay_fail:
        case srtp_err_status_replay_old:
            return common::makeError("srtp_replay",
                                     op + ": packet replayed or older than the replay window; "
                                          "drop the packet");
        case srtp_err_status_bad_param:
        case srtp_err_status_parse_err:
            return common::makeError("srtp_malformed",
                                     op + ": not a well-formed packet; drop the packet");
        default:
            return common::makeError("srtp_failed", op + " failed with libsrtp status " +
                                                        std::to_string(static_cast<int>(status)) +
                                                        "; drop the packet");
    }
}

}  // namespace

common::Result<SrtpSession> SrtpSession::create(SrtpDirection direction, SrtpProfile profile,
                                                std::span<const std::uint8_t> keyAndSalt) {
    if (keyAndSalt.size() != keyAndSaltLength(profile)) {
        return common::makeError(
            "srtp_bad_key_length",
            std::string(toString(profile)) + " needs " + std::to_string(keyAndSaltLength(profile)) +
                " bytes of master key and salt, got " + std::to_string(keyAndSalt.size()) +
                "; pass the keys DtlsTransport exported");
    }
    if (auto init = ensureSrtpLibrary(); !init.ok()) {
        return init.error();
    }

    // libsrtp copies the key during srtp_create; this copy is wiped afterwards.
    std::array<std::uint8_t, SRTP_MAX_KEY_LEN> key{};
    std::memcpy(key.data(), keyAndSalt.data(), keyAndSalt.size());

    srtp_policy_t policy;
    std::memset(&policy, 0, sizeof(policy));
    setCryptoPolicy(profile, policy);
    policy.ssrc.type = direction == SrtpDirection::Inbound ? ssrc_any_inbound : ssrc_any_outbound;
    policy.key = key.data();
    policy.window_size = kReplayWindow;
    policy.allow_repeat_tx = 1;
    policy.next = nullptr;

    srtp_t session = nullptr;
    const srtp_err_status_t status = srtp_create(&session, &policy);
    std::memset(key.data(), 0, key.size());
    if (status != srtp_err_status_ok) {
        return common::makeError("srtp_create_failed",
                                 "libsrtp refused the " + std::string(toString(profile)) +
                                     " session (status " +
                                     std::to_string(static_cast<int>(status)) +
                                     "); is the crypto backend missing this cipher?");
    }
    std::unique_ptr<AeadRtpSealer> sealer;
    std::unique_ptr<AeadRtpOpener> opener;
    if (profile == SrtpProfile::AeadAes128Gcm && direction == SrtpDirection::Outbound) {
        auto made = AeadRtpSealer::create(keyAndSalt);
        if (!made.ok()) {
            srtp_dealloc(session);
            return made.error();
        }
        sealer = std::move(made).value();
    } else if (profile == SrtpProfile::AeadAes128Gcm) {
        auto made = AeadRtpOpener::create(keyAndSalt);
        if (!made.ok()) {
            srtp_dealloc(session);
            return made.error();
        }
        opener = std::move(made).value();
    }
    return SrtpSession(session, direction, profile, std::move(sealer), std::move(opener));
}

SrtpSession::SrtpSession(srtp_ctx_t_* session, SrtpDirection direction, SrtpProfile profile,
                         std::unique_ptr<AeadRtpSealer> sealer,
                         std::unique_ptr<AeadRtpOpener> opener)
    : session_(session),
      sealer_(std::move(sealer)),
      opener_(std::move(opener)),
      direction_(direction),
      profile_(profile) {}

SrtpSession::SrtpSession(SrtpSession&& other) noexcept
    : session_(std::exchange(other.session_, nullptr)),
      sealer_(std::move(other.sealer_)),
      opener_(std::move(other.opener_)),
      direction_(other.direction_),
      profile_(other.profile_) {}

SrtpSession& SrtpSession::operator=(SrtpSession&& other) noexcept {
    if (this != &other) {
        if (session_ != nullptr) {
            srtp_dealloc(session_);
        }
        session_ = std::exchange(other.session_, nullptr);
        sealer_ = std::move(other.sealer_);
        opener_ = std::move(other.opener_);
        direction_ = other.direction_;
        profile_ = other.profile_;
    }
    return *this;
}

SrtpSession::~SrtpSession() {
    if (session_ != nullptr) {
        srtp_dealloc(session_);
    }
}

common::Result<std::size_t> SrtpSession::protectRtp(std::span<std::uint8_t> buffer,
                                                    std::size_t length) {
    if (sealer_ != nullptr) {
        if (auto ok = checkCall(Operation::ProtectRtp, buffer, length); !ok.ok()) {
            return ok.error();
        }
        return sealer_->seal(buffer, length);
    }
    return run(Operation::ProtectRtp, buffer, length);
}

common::Result<std::size_t> SrtpSession::unprotectRtp(std::span<std::uint8_t> buffer,
                                                      std::size_t length) {
    if (opener_ != nullptr) {
        if (auto ok = checkCall(Operation::UnprotectRtp, buffer, length); !ok.ok()) {
            return ok.error();
        }
        return opener_->open(buffer, length);
    }
    return run(Operation::UnprotectRtp, buffer, length);
}

common::Result<std::size_t> SrtpSession::protectRtcp(std::span<std::uint8_t> buffer,
                                                     std::size_t length) {
    return run(Operation::ProtectRtcp, buffer, length);
}

common::Result<std::size_t> SrtpSession::unprotectRtcp(std::span<std::uint8_t> buffer,
                                                       std::size_t length) {
    return run(Operation::UnprotectRtcp, buffer, length);
}

common::Status SrtpSession::checkCall(Operation operation, std::span<std::uint8_t> buffer,
                                      std::size_t length) const {
    const char* name = kOperationNames[static_cast<int>(operation)];
    const bool protect = operation == Operation::ProtectRtp || operation == Operation::ProtectRtcp;
    if (session_ == nullptr) {
        return common::makeError("srtp_no_session",
                                 std::string(name) + ": the session was moved from");
    }
    if (protect != (direction_ == SrtpDirection::Outbound)) {
        return common::makeError("srtp_wrong_direction",
                                 std::string(name) + " on an " +
                                     (protect ? "inbound" : "outbound") +
                                     " session; use the session of the other direction");
    }
    if (length > buffer.size() || length > kMaxPacketLength ||
        (protect && buffer.size() - length < kProtectOverhead)) {
        return common::makeError("srtp_buffer_too_small",
                                 std::string(name) + ": packet length " + std::to_string(length) +
                                     " does not fit the buffer of " +
                                     std::to_string(buffer.size()) +
                                     " bytes (protect needs kProtectOverhead spare bytes)");
    }
    return {};
}

common::Result<std::size_t> SrtpSession::run(Operation operation, std::span<std::uint8_t> buffer,
                                             std::size_t length) {
    if (auto ok = checkCall(operation, buffer, length); !ok.ok()) {
        return ok.error();
    }
    const char* name = kOperationNames[static_cast<int>(operation)];
    int len = static_cast<int>(length);
    srtp_err_status_t status = srtp_err_status_ok;
    switch (operation) {
        case Operation::ProtectRtp:
            status = srtp_protect(session_, buffer.data(), &len);
            break;
        case Operation::UnprotectRtp:
            status = srtp_unprotect(session_, buffer.data(), &len);
            break;
        case Operation::ProtectRtcp:
            status = srtp_protect_rtcp(session_, buffer.data(), &len);
            break;
        case Operation::UnprotectRtcp:
            status = srtp_unprotect_rtcp(session_, buffer.data(), &len);
            break;
    }
    if (status != srtp_err_status_ok) {
        return operationError(status, name);
    }
    return static_cast<std::size_t>(len);
}

}  // namespace vp::sfu::srtp
