// H.264 profile-level-id parsing: the profiles browsers offer.
#include "sfu/rtp_parameters/h264_profile.hpp"

#include <gtest/gtest.h>

namespace vp::sfu::rtp_parameters {
namespace {

TEST(H264Profile, ParsesTheProfilesBrowsersOffer) {
    EXPECT_EQ(parseH264ProfileLevelId("42e01f"),
              (H264ProfileLevelId{H264Profile::ConstrainedBaseline, 31}));
    EXPECT_EQ(parseH264ProfileLevelId("42001f"), (H264ProfileLevelId{H264Profile::Baseline, 31}));
    EXPECT_EQ(parseH264ProfileLevelId("4d001f"), (H264ProfileLevelId{H264Profile::Main, 31}));
    EXPECT_EQ(parseH264ProfileLevelId("640032"), (H264ProfileLevelId{H264Profile::High, 50}));
    EXPECT_EQ(parseH264ProfileLevelId("640c1f"),
              (H264ProfileLevelId{H264Profile::ConstrainedHigh, 31}));
    EXPECT_EQ(parseH264ProfileLevelId("42f00b"),
              (H264ProfileLevelId{H264Profile::ConstrainedBaseline, 0}));  // level 1b
}

TEST(H264Profile, RefusesMalformedOrUnknown) {
    EXPECT_FALSE(parseH264ProfileLevelId(""));
    EXPECT_FALSE(parseH264ProfileLevelId("42e01"));
    EXPECT_FALSE(parseH264ProfileLevelId("42e01g"));
    EXPECT_FALSE(parseH264ProfileLevelId("f4001f"));  // High 4:4:4: not supported
    EXPECT_FALSE(parseH264ProfileLevelId("42e000"));  // level 0
}

TEST(H264Profile, AbsentMeansConstrainedBaselineAndNumbersAreAccepted) {
    EXPECT_TRUE(isSameH264Profile({}, {{"profile-level-id", std::string("42e01f")}}));
    EXPECT_TRUE(isSameH264Profile({{"profile-level-id", std::int64_t{640032}}},
                                  {{"profile-level-id", std::string("64001f")}}));
    EXPECT_FALSE(isSameH264Profile({{"profile-level-id", std::string("4d001f")}},
                                   {{"profile-level-id", std::string("42e01f")}}));
}

}  // namespace
}  // namespace vp::sfu::rtp_parameters
