// The STUN writer: binding request / success / error round trips through the parser.
#include "sfu/packet/stun_writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "sfu/packet/stun_message.hpp"
#include "stun_vectors.hpp"

namespace vp::sfu::packet {
namespace {

Bytes asBytes(std::string_view s) {
    return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

const StunTransactionId kTxid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

TEST(StunWriter, BindingRequestRoundTrips) {
    StunBindingRequest req;
    req.transactionId = kTxid;
    req.username = "remote:local";
    req.priority = 0x6e0001ff;
    req.controlling = true;
    req.tieBreaker = 0x0102030405060708;
    req.useCandidate = true;
    req.password = asBytes("secret-password");
    std::array<std::uint8_t, 256> buf{};
    auto size = writeBindingRequest(buf, req);
    ASSERT_TRUE(size.ok()) << size.error().message;
    auto msg = StunMessageView::parse(Bytes(buf).first(*size));
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->messageClass(), StunClass::Request);
    EXPECT_EQ(msg->method(), kStunMethodBinding);
    EXPECT_EQ(msg->username(), "remote:local");
    EXPECT_EQ(msg->priority(), 0x6e0001ffu);
    EXPECT_EQ(msg->iceControlling(), 0x0102030405060708u);
    EXPECT_TRUE(msg->useCandidate());
    EXPECT_TRUE(msg->verifyMessageIntegrity(asBytes("secret-password")));
    EXPECT_FALSE(msg->verifyMessageIntegrity(asBytes("other")));
    EXPECT_TRUE(msg->verifyFingerprint());
}

TEST(StunWriter, SuccessResponseRoundTripsBothFamilies) {
    const std::array<std::uint8_t, 16> ip6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                              0,    0,    0,    0,    0, 0, 0, 1};
    for (const StunAddress& mapped :
         {StunAddress::v4({203, 0, 113, 7}, 50000), StunAddress::v6(ip6, 443)}) {
        std::array<std::uint8_t, 128> buf{};
        auto size = writeBindingSuccess(buf, kTxid, mapped, asBytes("pw"));
        ASSERT_TRUE(size.ok());
        auto msg = StunMessageView::parse(Bytes(buf).first(*size));
        ASSERT_TRUE(msg);
        EXPECT_EQ(msg->messageClass(), StunClass::SuccessResponse);
        EXPECT_EQ(msg->xorMappedAddress(), mapped);
        EXPECT_TRUE(msg->verifyMessageIntegrity(asBytes("pw")));
        EXPECT_TRUE(msg->verifyFingerprint());
    }
}

TEST(StunWriter, ErrorResponseWithAndWithoutIntegrity) {
    std::array<std::uint8_t, 128> buf{};
    auto size = writeBindingError(buf, kTxid, 487, "Role Conflict", asBytes("pw"));
    ASSERT_TRUE(size.ok());
    auto msg = StunMessageView::parse(Bytes(buf).first(*size));
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->messageClass(), StunClass::ErrorResponse);
    ASSERT_TRUE(msg->errorCode());
    EXPECT_EQ(msg->errorCode()->code, 487);
    EXPECT_EQ(msg->errorCode()->reason, "Role Conflict");
    EXPECT_TRUE(msg->verifyMessageIntegrity(asBytes("pw")));

    size = writeBindingError(buf, kTxid, 401, "Unauthorized", {});
    ASSERT_TRUE(size.ok());
    msg = StunMessageView::parse(Bytes(buf).first(*size));
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->errorCode()->code, 401);
    EXPECT_FALSE(msg->hasMessageIntegrity());
    EXPECT_TRUE(msg->verifyFingerprint());
}

TEST(StunWriter, ReproducesTheRfc5769SampleRequestChecksums) {
    // Rebuild the sample request with the writer; the RFC pads USERNAME with
    // spaces where the writer uses zeros, so copy the attribute raw.
    auto original = StunMessageView::parse(rfc5769::kSampleRequest);
    ASSERT_TRUE(original);
    std::array<std::uint8_t, 128> buf{};
    StunMessageWriter w(buf, original->messageType(), original->transactionId());
    w.addAttribute(stun_attr::kSoftware, *original->attribute(stun_attr::kSoftware));
    w.addPriority(*original->priority());
    w.addIceControlled(*original->iceControlled());
    w.addUsername("evtj:h6vY");
    auto size = w.finish();
    ASSERT_TRUE(size.ok());
    // Patch the padding to the RFC's spaces, then add the checksums.
    std::copy(rfc5769::kSampleRequest.begin() + 64, rfc5769::kSampleRequest.begin() + 76,
              buf.begin() + 64);
    w.addMessageIntegrity(asBytes(rfc5769::kPassword));
    w.addFingerprint();
    size = w.finish();
    ASSERT_TRUE(size.ok());
    ASSERT_EQ(*size, rfc5769::kSampleRequest.size());
    EXPECT_TRUE(
        std::equal(rfc5769::kSampleRequest.begin(), rfc5769::kSampleRequest.end(), buf.begin()));
}

TEST(StunWriter, ReportsBufferTooSmall) {
    std::array<std::uint8_t, 40> buf{};
    auto size = writeBindingSuccess(buf, kTxid, StunAddress::v4({1, 2, 3, 4}, 5), asBytes("pw"));
    ASSERT_FALSE(size.ok());
    EXPECT_EQ(size.error().code, "packet.buffer_too_small");
    std::array<std::uint8_t, 10> tiny{};
    EXPECT_FALSE(writeBindingError(tiny, kTxid, 400, "Bad Request", {}).ok());
}

TEST(StunTypes, MessageTypeEncoding) {
    EXPECT_EQ(stunMessageType(kStunMethodBinding, StunClass::Request), 0x0001);
    EXPECT_EQ(stunMessageType(kStunMethodBinding, StunClass::Indication), 0x0011);
    EXPECT_EQ(stunMessageType(kStunMethodBinding, StunClass::SuccessResponse), 0x0101);
    EXPECT_EQ(stunMessageType(kStunMethodBinding, StunClass::ErrorResponse), 0x0111);
    for (std::uint16_t method :
         {std::uint16_t{0x001}, std::uint16_t{0x003}, std::uint16_t{0x00A}, std::uint16_t{0xFFF}}) {
        for (auto cls : {StunClass::Request, StunClass::ErrorResponse}) {
            const auto type = stunMessageType(method, cls);
            EXPECT_EQ(stunMethodOf(type), method);
            EXPECT_EQ(stunClassOf(type), cls);
        }
    }
}

}  // namespace
}  // namespace vp::sfu::packet
