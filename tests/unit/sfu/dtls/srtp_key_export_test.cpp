#include "sfu/dtls/srtp_key_export.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace vp::sfu::dtls {
namespace {

using srtp::SrtpProfile;

std::vector<std::uint8_t> counting(std::size_t n) {
    std::vector<std::uint8_t> out(n);
    std::iota(out.begin(), out.end(), std::uint8_t{0});
    return out;
}

std::vector<std::uint8_t> concat(std::vector<std::uint8_t> a, std::uint8_t from, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        a.push_back(static_cast<std::uint8_t>(from + i));
    }
    return a;
}

TEST(SrtpKeyExportTest, SplitsClientAndServerKeysForAesCm) {
    // client_key 0..15 | server_key 16..31 | client_salt 32..45 | server_salt 46..59
    const auto material = counting(60);
    const auto client = concat(concat({}, 0, 16), 32, 14);
    const auto server = concat(concat({}, 16, 16), 46, 14);

    auto asClient =
        splitKeyingMaterial(SrtpProfile::AesCm128HmacSha1_80, DtlsRole::Client, material);
    ASSERT_TRUE(asClient.ok());
    EXPECT_EQ(asClient->profile, SrtpProfile::AesCm128HmacSha1_80);
    EXPECT_EQ(asClient->localKeyAndSalt, client);
    EXPECT_EQ(asClient->remoteKeyAndSalt, server);

    auto asServer =
        splitKeyingMaterial(SrtpProfile::AesCm128HmacSha1_80, DtlsRole::Server, material);
    ASSERT_TRUE(asServer.ok());
    EXPECT_EQ(asServer->localKeyAndSalt, server);
    EXPECT_EQ(asServer->remoteKeyAndSalt, client);
}

TEST(SrtpKeyExportTest, SplitsGcmWithTwelveByteSalts) {
    const auto material = counting(56);
    auto keys = splitKeyingMaterial(SrtpProfile::AeadAes128Gcm, DtlsRole::Client, material);
    ASSERT_TRUE(keys.ok());
    EXPECT_EQ(keys->localKeyAndSalt, concat(concat({}, 0, 16), 32, 12));
    EXPECT_EQ(keys->remoteKeyAndSalt, concat(concat({}, 16, 16), 44, 12));
}

TEST(SrtpKeyExportTest, WrongMaterialLengthIsAnError) {
    auto keys = splitKeyingMaterial(SrtpProfile::AeadAes128Gcm, DtlsRole::Client, counting(60));
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.error().code, "dtls_srtp_keying_material");
}

}  // namespace
}  // namespace vp::sfu::dtls
