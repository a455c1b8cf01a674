#include "sfu/dtls/dtls_role.hpp"

#include <gtest/gtest.h>

namespace vp::sfu::dtls {
namespace {

TEST(DtlsRoleTest, LocalRoleMirrorsAnExplicitRemoteRole) {
    EXPECT_EQ(chooseLocalRole(RemoteDtlsRole::Client), DtlsRole::Server);
    EXPECT_EQ(chooseLocalRole(RemoteDtlsRole::Server), DtlsRole::Client);
}

TEST(DtlsRoleTest, RemoteAutoMakesUsTheClient) {
    EXPECT_EQ(chooseLocalRole(RemoteDtlsRole::Auto), DtlsRole::Client);
}

TEST(DtlsRoleTest, ParsesSignalledRoles) {
    EXPECT_EQ(parseRemoteDtlsRole("auto").value(), RemoteDtlsRole::Auto);
    EXPECT_EQ(parseRemoteDtlsRole("client").value(), RemoteDtlsRole::Client);
    EXPECT_EQ(parseRemoteDtlsRole("server").value(), RemoteDtlsRole::Server);
    auto bad = parseRemoteDtlsRole("actpass");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "dtls_role_invalid");
    EXPECT_NE(bad.error().message.find("actpass"), std::string::npos);
    EXPECT_EQ(toString(DtlsRole::Server), "server");
}

}  // namespace
}  // namespace vp::sfu::dtls
