// STUN message parsing and the two checksums against the RFC 5769 vectors.
#include <gtest/gtest.h>

#include <vector>

#include "sfu/packet/stun_integrity.hpp"
#include "sfu/packet/stun_message.hpp"
#include "stun_vectors.hpp"

namespace vp::sfu::packet {
namespace {

Bytes password() {
    return Bytes(reinterpret_cast<const std::uint8_t*>(rfc5769::kPassword.data()),
                 rfc5769::kPassword.size());
}

const StunTransactionId kTxid = {0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34,
                                 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae};

TEST(StunRfc5769, SampleRequestParsesWithAllAttributes) {
    auto msg = StunMessageView::parse(rfc5769::kSampleRequest);
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->method(), kStunMethodBinding);
    EXPECT_EQ(msg->messageClass(), StunClass::Request);
    EXPECT_TRUE(std::equal(kTxid.begin(), kTxid.end(), msg->transactionId().begin()));
    EXPECT_EQ(msg->username(), "evtj:h6vY");
    EXPECT_EQ(msg->priority(), 0x6e0001ffu);
    EXPECT_EQ(msg->iceControlled(), 0x932ff9b151263b36u);
    EXPECT_FALSE(msg->iceControlling());
    EXPECT_FALSE(msg->useCandidate());
    auto software = msg->attribute(stun_attr::kSoftware);
    ASSERT_TRUE(software);
    EXPECT_EQ(std::string(software->begin(), software->end()), "STUN test client");
}

TEST(StunRfc5769, SampleRequestIntegrityAndFingerprintVerify) {
    auto msg = StunMessageView::parse(rfc5769::kSampleRequest);
    ASSERT_TRUE(msg);
    EXPECT_TRUE(msg->verifyFingerprint());
    EXPECT_TRUE(msg->verifyMessageIntegrity(password()));
    const std::string wrong = "VOkJxbRl1RmTxUk/WvJxBu";
    EXPECT_FALSE(msg->verifyMessageIntegrity(
        Bytes(reinterpret_cast<const std::uint8_t*>(wrong.data()), wrong.size())));
}

TEST(StunRfc5769, Ipv4ResponseCarriesMappedAddress) {
    auto msg = StunMessageView::parse(rfc5769::kSampleIpv4Response);
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->messageClass(), StunClass::SuccessResponse);
    EXPECT_TRUE(msg->verifyFingerprint());
    EXPECT_TRUE(msg->verifyMessageIntegrity(password()));
    EXPECT_EQ(msg->xorMappedAddress(), StunAddress::v4({192, 0, 2, 1}, 32853));
}

TEST(StunRfc5769, Ipv6ResponseCarriesMappedAddress) {
    auto msg = StunMessageView::parse(rfc5769::kSampleIpv6Response);
    ASSERT_TRUE(msg);
    EXPECT_TRUE(msg->verifyFingerprint());
    EXPECT_TRUE(msg->verifyMessageIntegrity(password()));
    const std::array<std::uint8_t, 16> ip = {0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78,
                                             0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
    EXPECT_EQ(msg->xorMappedAddress(), StunAddress::v6(ip, 32853));
}

TEST(StunRfc5769, AnyFlippedBitBreaksAChecksum) {
    for (std::size_t i = 0; i < rfc5769::kSampleRequest.size(); ++i) {
        std::vector<std::uint8_t> copy(rfc5769::kSampleRequest.begin(),
                                       rfc5769::kSampleRequest.end());
        copy[i] ^= 0x01;
        auto msg = StunMessageView::parse(copy);
        if (!msg) {
            continue;  // structure broken: rejected outright
        }
        EXPECT_FALSE(msg->verifyFingerprint() && msg->verifyMessageIntegrity(password()))
            << "byte " << i;
    }
}

TEST(StunIntegrity, Crc32MatchesTheCheckValue) {
    const std::string s = "123456789";
    EXPECT_EQ(crc32(Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(StunIntegrity, HmacSha1MatchesRfc2202Case2) {
    const std::string key = "Jefe";
    const std::string data = "what do ya want for nothing?";
    auto mac = hmacSha1(
        Bytes(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()),
        {Bytes(reinterpret_cast<const std::uint8_t*>(data.data()), 10),
         Bytes(reinterpret_cast<const std::uint8_t*>(data.data()) + 10, data.size() - 10)});
    ASSERT_TRUE(mac);
    const HmacSha1 expected = {0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
                               0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79};
    EXPECT_EQ(*mac, expected);
}

// --- malformed input --------------------------------------------------------

std::vector<std::uint8_t> request() {
    return {rfc5769::kSampleRequest.begin(), rfc5769::kSampleRequest.end()};
}

TEST(StunMalformed, RejectsShortOrEmpty) {
    EXPECT_FALSE(StunMessageView::parse({}));
    auto d = request();
    EXPECT_FALSE(StunMessageView::parse(Bytes(d).first(19)));
}

TEST(StunMalformed, RejectsLengthFieldNotMatchingDatagram) {
    auto d = request();
    EXPECT_FALSE(StunMessageView::parse(Bytes(d).first(d.size() - 4)));  // truncated
    d.push_back(0);
    d.push_back(0);
    d.push_back(0);
    d.push_back(0);
    EXPECT_FALSE(StunMessageView::parse(d));  // trailing bytes
    auto e = request();
    e[3] = 0x59;  // not a multiple of 4
    EXPECT_FALSE(StunMessageView::parse(e));
}

TEST(StunMalformed, RejectsBadCookieAndTopBits) {
    auto d = request();
    d[4] = 0x22;
    EXPECT_FALSE(StunMessageView::parse(d));
    auto e = request();
    e[0] = 0x40;
    EXPECT_FALSE(StunMessageView::parse(e));
}

TEST(StunMalformed, RejectsAttributeLengthPastEnd) {
    auto d = request();
    d[20 + 3] = 0xF0;  // SOFTWARE claims 240 bytes
    EXPECT_FALSE(StunMessageView::parse(d));
    auto e = request();
    e[20 + 3] = 0x11;  // 17 bytes -> padded to 20, shifts every later attribute
    EXPECT_FALSE(StunMessageView::parse(e));
}

TEST(StunMalformed, RejectsAttributesAfterFingerprint) {
    auto d = request();
    // Append a PRIORITY after FINGERPRINT and fix the header length.
    for (int b : {0x00, 0x24, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04}) {
        d.push_back(static_cast<std::uint8_t>(b));
    }
    d[3] = static_cast<std::uint8_t>(d.size() - 20);
    EXPECT_FALSE(StunMessageView::parse(d));
}

TEST(StunMalformed, AttributesAfterIntegrityAreIgnored) {
    // Replace FINGERPRINT (last 8 bytes) by a USE-CANDIDATE: it follows
    // MESSAGE-INTEGRITY and so must be ignored.
    auto d = request();
    d.resize(d.size() - 8);
    for (int b : {0x00, 0x25, 0x00, 0x00}) {
        d.push_back(static_cast<std::uint8_t>(b));
    }
    d[3] = static_cast<std::uint8_t>(d.size() - 20);
    auto msg = StunMessageView::parse(d);
    ASSERT_TRUE(msg);
    EXPECT_FALSE(msg->useCandidate());
    EXPECT_FALSE(msg->hasFingerprint());
    EXPECT_FALSE(msg->verifyFingerprint());
    EXPECT_TRUE(msg->verifyMessageIntegrity(password()));  // length adjusted to end at MI
}

TEST(StunMalformed, WrongSizedTypedAttributesReadAsAbsent) {
    // PRIORITY with 8 bytes instead of 4; XOR-MAPPED-ADDRESS with a bad family.
    const std::vector<std::uint8_t> d = {
        0x00, 0x01, 0x00, 0x18, 0x21, 0x12, 0xa4, 0x42, 1,    2, 3, 4, 5, 6, 7,
        8,    9,    10,   11,   12,   0x00, 0x24, 0x00, 0x08, 1, 2, 3, 4, 5, 6,
        7,    8,    0x00, 0x20, 0x00, 0x08, 0x00, 0x03, 0,    0, 1, 2, 3, 4};
    auto msg = StunMessageView::parse(d);
    ASSERT_TRUE(msg);
    EXPECT_FALSE(msg->priority());
    EXPECT_FALSE(msg->xorMappedAddress());
    EXPECT_FALSE(msg->username());
    EXPECT_FALSE(msg->verifyMessageIntegrity(password()));
}

}  // namespace
}  // namespace vp::sfu::packet
