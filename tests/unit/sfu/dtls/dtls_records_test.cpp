#include "sfu/dtls/dtls_records.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace vp::sfu::dtls {
namespace {

std::vector<std::uint8_t> record(std::size_t bodyLength, std::uint8_t fill) {
    std::vector<std::uint8_t> out(kDtlsRecordHeaderLength + bodyLength, fill);
    std::fill(out.begin(), out.begin() + kDtlsRecordHeaderLength, 0);
    out[0] = 22;
    out[1] = 0xfe;
    out[2] = 0xfd;
    out[11] = static_cast<std::uint8_t>(bodyLength >> 8);
    out[12] = static_cast<std::uint8_t>(bodyLength & 0xFF);
    return out;
}

std::vector<std::vector<std::uint8_t>> pack(const std::vector<std::uint8_t>& bytes,
                                            std::size_t mtu) {
    std::vector<std::vector<std::uint8_t>> datagrams;
    packRecords(bytes, mtu, [&](std::span<const std::uint8_t> d) {
        datagrams.emplace_back(d.begin(), d.end());
    });
    return datagrams;
}

void append(std::vector<std::uint8_t>& to, const std::vector<std::uint8_t>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

TEST(RecordPackerTest, PacksWholeRecordsUpToTheMtu) {
    std::vector<std::uint8_t> bytes;
    append(bytes, record(487, 1));  // 500
    append(bytes, record(487, 2));  // 500 -> fits with the first (1000)
    append(bytes, record(287, 3));  // 300 -> would make 1300, next datagram
    const auto datagrams = pack(bytes, 1200);
    ASSERT_EQ(datagrams.size(), 2U);
    EXPECT_EQ(datagrams[0].size(), 1000U);
    EXPECT_EQ(datagrams[1].size(), 300U);
    EXPECT_EQ(datagrams[1][13], 3);
}

TEST(RecordPackerTest, OversizedRecordTravelsAlone) {
    std::vector<std::uint8_t> bytes;
    append(bytes, record(10, 1));
    append(bytes, record(1500, 2));
    append(bytes, record(10, 3));
    const auto datagrams = pack(bytes, 1200);
    ASSERT_EQ(datagrams.size(), 3U);
    EXPECT_EQ(datagrams[1].size(), 1513U);
}

TEST(RecordPackerTest, MalformedTailIsKeptNotDropped) {
    std::vector<std::uint8_t> bytes = record(20, 1);
    bytes.push_back(0x16);
    bytes.push_back(0xfe);  // a header cut short
    const auto datagrams = pack(bytes, 1200);
    ASSERT_EQ(datagrams.size(), 1U);
    EXPECT_EQ(datagrams[0].size(), bytes.size());
    EXPECT_TRUE(pack({}, 1200).empty());
}

std::vector<std::uint8_t> encrypted(std::size_t bodyLength) {
    auto out = record(bodyLength, 0xAA);
    out[0] = 23;
    out[4] = 1;  // epoch 1
    return out;
}

TEST(RecordScreenTest, RefusesTooShortEncryptedRecords) {
    std::vector<std::uint8_t> bytes = record(4, 1);  // epoch 0: left to OpenSSL
    EXPECT_TRUE(encryptedRecordsLongEnough(bytes, 24));
    append(bytes, encrypted(24));
    EXPECT_TRUE(encryptedRecordsLongEnough(bytes, 24));
    append(bytes, encrypted(23));
    EXPECT_FALSE(encryptedRecordsLongEnough(bytes, 24));
    EXPECT_TRUE(encryptedRecordsLongEnough(bytes, 16));
}

TEST(RecordScreenTest, LengthFieldsThatLieAreMeasuredByWhatArrived) {
    auto truncated = encrypted(100);
    truncated.resize(kDtlsRecordHeaderLength + 5);  // says 100, carries 5
    EXPECT_FALSE(encryptedRecordsLongEnough(truncated, 24));
    EXPECT_TRUE(encryptedRecordsLongEnough(std::vector<std::uint8_t>{0x17, 0xfe}, 24));
}

}  // namespace
}  // namespace vp::sfu::dtls
