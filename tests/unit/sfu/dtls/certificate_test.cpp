#include "sfu/dtls/certificate.hpp"

#include <gtest/gtest.h>

#include "sfu/dtls/fingerprint.hpp"

namespace vp::sfu::dtls {
namespace {

Certificate generate() {
    const common::FakeClock clock;
    auto certificate = Certificate::generate(clock, common::SecureRandom::instance());
    EXPECT_TRUE(certificate.ok());
    return std::move(certificate).value();
}

TEST(CertificateTest, FingerprintIsSha256InWebRtcForm) {
    const Certificate certificate = generate();
    EXPECT_EQ(certificate.algorithm(), "sha-256");
    EXPECT_EQ(certificate.fingerprint().size(), 32U * 3 - 1);
    // Well-formed hex pairs, already in upper case (parsing normalises case).
    auto parsed = parseFingerprint("sha-256", certificate.fingerprint());
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->value, certificate.fingerprint());
    auto recomputed = computeFingerprint(certificate.x509(), "sha-256");
    ASSERT_TRUE(recomputed.ok());
    EXPECT_EQ(recomputed->value, certificate.fingerprint());
}

TEST(CertificateTest, EachCertificateIsNew) {
    EXPECT_NE(generate().fingerprint(), generate().fingerprint());
}

TEST(CertificateTest, OtherDigestsHaveTheirLengths) {
    const Certificate certificate = generate();
    auto sha1 = computeFingerprint(certificate.x509(), "sha-1");
    auto sha512 = computeFingerprint(certificate.x509(), "SHA-512");
    ASSERT_TRUE(sha1.ok());
    ASSERT_TRUE(sha512.ok());
    EXPECT_EQ(sha1->value.size(), 20U * 3 - 1);
    EXPECT_EQ(sha512->algorithm, "sha-512");
    EXPECT_EQ(sha512->value.size(), 64U * 3 - 1);
    EXPECT_FALSE(computeFingerprint(certificate.x509(), "md5").ok());
}

TEST(FingerprintTest, ParseNormalisesCase) {
    auto parsed =
        parseFingerprint("SHA-1", "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->algorithm, "sha-1");
    EXPECT_EQ(parsed->value, "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01");
}

TEST(FingerprintTest, ParseRejectsWrongShapes) {
    EXPECT_FALSE(parseFingerprint("sha-256", "").ok());
    EXPECT_FALSE(
        parseFingerprint("sha-1", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF").ok());
    EXPECT_FALSE(
        parseFingerprint("sha-1", "AB-CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01")
            .ok());
    EXPECT_FALSE(parseFingerprint("", "AB").ok());
}

}  // namespace
}  // namespace vp::sfu::dtls
