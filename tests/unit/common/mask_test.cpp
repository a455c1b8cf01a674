#include "common/mask.hpp"

#include <gtest/gtest.h>

namespace vp::common {
namespace {

TEST(MaskEmail, KeepsFirstLettersAndTopLevelDomain) {
    EXPECT_EQ(maskEmail("alice@example.com"), "a***@e***.com");
}

TEST(MaskEmail, MalformedAddressIsFullyMasked) {
    EXPECT_EQ(maskEmail("no-at-sign"), "***");
    EXPECT_EQ(maskEmail("@example.com"), "***");
}

TEST(MaskPhone, KeepsCountryPrefixAndLastFour) {
    EXPECT_EQ(maskPhone("+8613812345678"), "+86*******5678");
}

TEST(MaskPhone, ShortNumbersAreFullyMasked) {
    EXPECT_EQ(maskPhone("1234"), "****");
}

TEST(MaskIp, Ipv4KeepsTwoOctets) {
    EXPECT_EQ(maskIp("192.168.10.20"), "192.168.*.*");
}

TEST(MaskIp, Ipv6KeepsTwoGroups) {
    EXPECT_EQ(maskIp("2001:db8:1::5"), "2001:db8:*");
}

}  // namespace
}  // namespace vp::common
