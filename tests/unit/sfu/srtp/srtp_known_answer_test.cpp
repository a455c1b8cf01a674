// Known-answer test for AES_CM_128_HMAC_SHA1_80. The key, packets and expected
// ciphertexts are libsrtp's own reference vectors (srtp_validate() in
// cisco/libsrtp test/srtp_driver.c): SSRC 0xcafebabe, sequence 0x1234, ROC 0,
// first SRTCP index 1.
#include "sfu/srtp/srtp_session.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace vp::sfu::srtp {
namespace {

constexpr std::array<std::uint8_t, 30> kMasterKeyAndSalt{
    0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41,
    0x39, 0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6};

const std::vector<std::uint8_t> kRtp{0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe,
                                     0xba, 0xbe, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
                                     0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab};
const std::vector<std::uint8_t> kSrtp{0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe,
                                      0xba, 0xbe, 0x4e, 0x55, 0xdc, 0x4c, 0xe7, 0x99, 0x78, 0xd8,
                                      0x8c, 0xa4, 0xd2, 0x15, 0x94, 0x9d, 0x24, 0x02, 0xb7, 0x8d,
                                      0x6a, 0xcc, 0x99, 0xea, 0x17, 0x9b, 0x8d, 0xbb};
const std::vector<std::uint8_t> kRtcp{0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe,
                                      0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
                                      0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab};
const std::vector<std::uint8_t> kSrtcp{0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0x71, 0x28,
                                       0x03, 0x5b, 0xe4, 0x87, 0xb9, 0xbd, 0xbe, 0xf8, 0x90, 0x41,
                                       0xf9, 0x77, 0xa5, 0xa8, 0x80, 0x00, 0x00, 0x01, 0x99, 0x3e,
                                       0x08, 0xcd, 0x54, 0xd6, 0xc1, 0x23, 0x07, 0x98};

SrtpSession session(SrtpDirection direction) {
    auto s = SrtpSession::create(direction, SrtpProfile::AesCm128HmacSha1_80, kMasterKeyAndSalt);
    EXPECT_TRUE(s.ok());
    return std::move(s).value();
}

std::vector<std::uint8_t> withRoom(const std::vector<std::uint8_t>& packet) {
    std::vector<std::uint8_t> buffer(packet);
    buffer.resize(packet.size() + SrtpSession::kProtectOverhead);
    return buffer;
}

std::vector<std::uint8_t> prefix(const std::vector<std::uint8_t>& buffer, std::size_t n) {
    return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n)};
}

TEST(SrtpKnownAnswerTest, ProtectRtpMatchesReferenceCiphertext) {
    SrtpSession outbound = session(SrtpDirection::Outbound);
    auto buffer = withRoom(kRtp);
    auto length = outbound.protectRtp(buffer, kRtp.size());
    ASSERT_TRUE(length.ok()) << length.error().message;
    EXPECT_EQ(prefix(buffer, *length), kSrtp);
}

TEST(SrtpKnownAnswerTest, UnprotectRtpRecoversReferencePlaintext) {
    SrtpSession inbound = session(SrtpDirection::Inbound);
    auto buffer = kSrtp;
    auto length = inbound.unprotectRtp(buffer, buffer.size());
    ASSERT_TRUE(length.ok()) << length.error().message;
    EXPECT_EQ(prefix(buffer, *length), kRtp);
}

TEST(SrtpKnownAnswerTest, RtcpMatchesReferenceBothWays) {
    SrtpSession outbound = session(SrtpDirection::Outbound);
    auto buffer = withRoom(kRtcp);
    auto length = outbound.protectRtcp(buffer, kRtcp.size());
    ASSERT_TRUE(length.ok()) << length.error().message;
    EXPECT_EQ(prefix(buffer, *length), kSrtcp);

    SrtpSession inbound = session(SrtpDirection::Inbound);
    auto received = kSrtcp;
    auto plain = inbound.unprotectRtcp(received, received.size());
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(prefix(received, *plain), kRtcp);
}

}  // namespace
}  // namespace vp::sfu::srtp
