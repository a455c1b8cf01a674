// The AEAD_AES_128_GCM RTP path of SrtpSession (AeadRtpSealer/AeadRtpOpener on
// OpenSSL) against libsrtp itself: for the same master key and packets the
// sealed bytes equal libsrtp's srtp_protect output, libsrtp's srtp_unprotect
// opens them, and our opener opens libsrtp's, across SSRCs, CSRCs, header
// extensions, empty payloads, a sequence-number wrap (ROC 1), a start above 2^15
// and retransmissions of packets sent before the wrap; replays, packets older
// than the window and tampered packets are refused as libsrtp refuses them.
#include "sfu/srtp/aead_rtp_cipher.hpp"

#include <gtest/gtest.h>
#include <srtp2/srtp.h>

#include <array>
#include <cstring>
#include <vector>

#include "sfu/srtp/srtp_session.hpp"

namespace vp::sfu::srtp {
namespace {

std::array<std::uint8_t, 28> masterKeyAndSalt() {
    std::array<std::uint8_t, 28> key{};
    for (std::size_t i = 0; i < key.size(); ++i) {
        key[i] = static_cast<std::uint8_t>(0x31 * i + 7);
    }
    return key;
}

// libsrtp's own AES-128-GCM session, the reference (libsrtp is already
// initialised by the SrtpSession the fixture creates first).
class Libsrtp {
  public:
    Libsrtp(std::span<const std::uint8_t> keyAndSalt, bool outbound) {
        srtp_policy_t policy;
        std::memset(&policy, 0, sizeof(policy));
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
        policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
        std::memcpy(key_.data(), keyAndSalt.data(), keyAndSalt.size());
        policy.key = key_.data();
        policy.window_size = 1024;
        policy.allow_repeat_tx = 1;
        EXPECT_EQ(srtp_create(&session_, &policy), srtp_err_status_ok);
    }
    ~Libsrtp() { srtp_dealloc(session_); }
    Libsrtp(const Libsrtp&) = delete;
    Libsrtp& operator=(const Libsrtp&) = delete;

    std::vector<std::uint8_t> protect(std::vector<std::uint8_t> packet) {
        int length = static_cast<int>(packet.size());
        packet.resize(packet.size() + SRTP_MAX_TRAILER_LEN);
        EXPECT_EQ(srtp_protect(session_, packet.data(), &length), srtp_err_status_ok);
        packet.resize(static_cast<std::size_t>(length));
        return packet;
    }
    srtp_err_status_t unprotect(std::vector<std::uint8_t>& packet) {
        int length = static_cast<int>(packet.size());
        const srtp_err_status_t status = srtp_unprotect(session_, packet.data(), &length);
        packet.resize(static_cast<std::size_t>(length));
        return status;
    }

  private:
    std::array<std::uint8_t, SRTP_MAX_KEY_LEN> key_{};
    srtp_t session_ = nullptr;
};

struct Shape {
    int csrcs = 0;
    int extensionWords = 0;
    std::size_t payload = 100;
};

std::vector<std::uint8_t> rtp(std::uint16_t sequence, std::uint32_t ssrc, Shape shape = {}) {
    std::vector<std::uint8_t> p{
        static_cast<std::uint8_t>(0x80 | (shape.extensionWords > 0 ? 0x10 : 0) | shape.csrcs),
        96,
        static_cast<std::uint8_t>(sequence >> 8),
        static_cast<std::uint8_t>(sequence),
        0x00,
        0x01,
        0x02,
        0x03,
        static_cast<std::uint8_t>(ssrc >> 24),
        static_cast<std::uint8_t>(ssrc >> 16),
        static_cast<std::uint8_t>(ssrc >> 8),
        static_cast<std::uint8_t>(ssrc)};
    for (int i = 0; i < shape.csrcs * 4; ++i) {
        p.push_back(static_cast<std::uint8_t>(0xc0 + i));
    }
    if (shape.extensionWords > 0) {
        p.insert(p.end(), {0xbe, 0xde, 0x00, static_cast<std::uint8_t>(shape.extensionWords)});
        for (int i = 0; i < shape.extensionWords * 4; ++i) {
            p.push_back(static_cast<std::uint8_t>(0x10 + i));
        }
    }
    for (std::size_t i = 0; i < shape.payload; ++i) {
        p.push_back(static_cast<std::uint8_t>(i * 3 + sequence));
    }
    return p;
}

class AeadRtpTest : public ::testing::Test {
  protected:
    std::vector<std::uint8_t> seal(const std::vector<std::uint8_t>& packet) {
        std::vector<std::uint8_t> buffer(packet.size() + SrtpSession::kProtectOverhead);
        std::copy(packet.begin(), packet.end(), buffer.begin());
        auto length = ours.protectRtp(buffer, packet.size());
        EXPECT_TRUE(length.ok()) << (length.ok() ? "" : length.error().message);
        buffer.resize(length.ok() ? length.value() : 0);
        return buffer;
    }

    // Seals with both and compares; both receivers open ours to the original.
    void sendAndCompare(const std::vector<std::uint8_t>& packet) {
        const auto sealed = seal(packet);
        EXPECT_EQ(sealed, referenceOut.protect(packet));
        std::vector<std::uint8_t> byLibsrtp = sealed;
        ASSERT_EQ(referenceIn.unprotect(byLibsrtp), srtp_err_status_ok);
        EXPECT_EQ(byLibsrtp, packet);
        auto byUs = open(sealed);
        ASSERT_TRUE(byUs.ok()) << byUs.error().message;
        EXPECT_EQ(byUs.value(), packet);
    }

    common::Result<std::vector<std::uint8_t>> open(std::vector<std::uint8_t> packet) {
        auto length = receiver.unprotectRtp(packet, packet.size());
        if (!length.ok()) {
            return length.error();
        }
        packet.resize(length.value());
        return packet;
    }

    std::array<std::uint8_t, 28> key = masterKeyAndSalt();
    SrtpSession ours =
        SrtpSession::create(SrtpDirection::Outbound, SrtpProfile::AeadAes128Gcm, key).value();
    SrtpSession receiver =
        SrtpSession::create(SrtpDirection::Inbound, SrtpProfile::AeadAes128Gcm, key).value();
    Libsrtp referenceOut{key, true};
    Libsrtp referenceIn{key, false};
};

TEST_F(AeadRtpTest, SameBytesAsLibsrtpForEveryHeaderShape) {
    std::uint16_t sequence = 100;
    for (const Shape shape : {Shape{}, Shape{2, 0, 100}, Shape{0, 3, 100}, Shape{15, 2, 1100},
                              Shape{0, 0, 0}, Shape{1, 1, 1}}) {
        sendAndCompare(rtp(sequence++, 0x1111, shape));
        sendAndCompare(rtp(sequence++, 0x2222, shape));
    }
}

TEST_F(AeadRtpTest, RolloverCounterFollowsTheWrapLikeLibsrtp) {
    // Starts above 2^15 (libsrtp guesses no wrap until the index passes 2^15).
    for (std::uint32_t s = 40'000; s < 65'536 + 300; s += 97) {
        sendAndCompare(rtp(static_cast<std::uint16_t>(s), 0xabcdef01));
    }
    // Retransmissions of packets sent just before the wrap keep ROC 0.
    const auto before = seal(rtp(65'500, 0xabcdef01));
    EXPECT_EQ(before, referenceOut.protect(rtp(65'500, 0xabcdef01)));
    // And a fresh SSRC starting at 0 is independent of the wrapped one.
    sendAndCompare(rtp(0, 0x0a0b0c0d));
    sendAndCompare(rtp(70, 0xabcdef01));
}

TEST_F(AeadRtpTest, MalformedPacketsAreRefused) {
    std::vector<std::uint8_t> buffer(200 + SrtpSession::kProtectOverhead, 0);
    buffer[0] = 0x40;  // version 1
    EXPECT_FALSE(ours.protectRtp(buffer, 40).ok());
    auto packet = rtp(1, 1, Shape{0, 5, 0});
    packet.resize(20);  // the extension header promises 20 bytes that are not there
    std::copy(packet.begin(), packet.end(), buffer.begin());
    EXPECT_FALSE(ours.protectRtp(buffer, packet.size()).ok());
    EXPECT_FALSE(ours.protectRtp(buffer, 8).ok());  // shorter than a header
}

TEST_F(AeadRtpTest, ReplaysOldAndTamperedPacketsAreRefusedLikeLibsrtp) {
    std::vector<std::vector<std::uint8_t>> sent;
    for (std::uint16_t s = 10; s < 1200; ++s) {
        sent.push_back(referenceOut.protect(rtp(s, 0x5555)));
    }
    for (std::size_t i = 0; i < sent.size(); i += 2) {  // the odd ones come late
        ASSERT_TRUE(open(sent[i]).ok()) << i;
    }
    auto copy = sent[1101];
    EXPECT_EQ(referenceIn.unprotect(copy), srtp_err_status_ok);
    EXPECT_TRUE(open(sent[1101]).ok());                       // late but inside the window
    EXPECT_EQ(open(sent[1101]).error().code, "srtp_replay");  // twice
    EXPECT_EQ(open(sent[1000]).error().code, "srtp_replay");
    copy = sent[51];  // 1138 behind the newest: older than the window
    EXPECT_EQ(referenceIn.unprotect(copy), srtp_err_status_replay_old);
    EXPECT_EQ(open(sent[51]).error().code, "srtp_replay");

    auto tampered = referenceOut.protect(rtp(1300, 0x5555));
    tampered[20] ^= 0x01;
    EXPECT_EQ(open(tampered).error().code, "srtp_auth_failed");
    auto tag = referenceOut.protect(rtp(1301, 0x5555));
    tag.back() ^= 0x80;
    EXPECT_EQ(open(tag).error().code, "srtp_auth_failed");
    // A refused packet did not move the window: the genuine one still opens.
    EXPECT_TRUE(open(referenceOut.protect(rtp(1300, 0x5555))).ok());
    std::vector<std::uint8_t> tooShort(20, 0x80);
    EXPECT_EQ(open(tooShort).error().code, "srtp_malformed");
}

TEST(RtpHeaderLengthTest, CountsCsrcsAndExtension) {
    EXPECT_EQ(rtpHeaderLength(rtp(1, 2)), 12u);
    EXPECT_EQ(rtpHeaderLength(rtp(1, 2, Shape{3, 0, 5})), 24u);
    EXPECT_EQ(rtpHeaderLength(rtp(1, 2, Shape{0, 2, 5})), 24u);
    EXPECT_EQ(rtpHeaderLength(rtp(1, 2, Shape{1, 1, 0})), 24u);
    EXPECT_EQ(rtpHeaderLength(std::vector<std::uint8_t>(11, 0x80)), 0u);
}

}  // namespace
}  // namespace vp::sfu::srtp
