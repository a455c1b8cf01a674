#include "tools/loadtest/options.hpp"

#include <gtest/gtest.h>

namespace vp::tools::loadtest {
namespace {

common::Result<LoadOptions> parse(std::vector<std::string> args) {
    return parseOptions(args);
}

TEST(LoadOptions, ParsesEveryKindOfFlag) {
    auto o = parse({"--target", "janus", "--publishers=2", "--subscribers", "100", "--rooms", "4",
                    "--duration", "5", "--loss", "2.5", "--delay", "40", "--report", "json",
                    "--audio-only", "--local-ip", "10.0.0.1"});
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o->target, Target::Janus);
    EXPECT_EQ(o->publishers, 2u);
    EXPECT_EQ(o->subscribers, 100u);
    EXPECT_EQ(o->rooms, 4u);
    EXPECT_EQ(o->duration, std::chrono::seconds(5));
    EXPECT_DOUBLE_EQ(o->lossPercent, 2.5);
    EXPECT_EQ(o->delay, std::chrono::milliseconds(40));
    EXPECT_EQ(o->report, ReportFormat::Json);
    EXPECT_TRUE(o->audioOnly);
    EXPECT_EQ(o->localIp, "10.0.0.1");
}

TEST(LoadOptions, MeetingModeTakesAMeetingIdAndParticipants) {
    auto o = parse({"--meeting", "1234567890", "--participants", "50", "--guest-prefix", "bench",
                    "--passcode", "42"});
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o->meeting, "1234567890");
    EXPECT_EQ(o->participants, 50u);
    EXPECT_EQ(o->guestPrefix, "bench");
    EXPECT_EQ(o->passcode, "42");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--meeting", "1234567890"},  // no --participants
             {"--participants", "3"},      // no --meeting
             {"--meeting", "12/../x", "--participants", "3"},
             {"--meeting", "1", "--participants", "201"},
             {"--meeting", "1", "--participants", "3", "--target", "janus"},
             {"--meeting", "1", "--participants", "3", "--guest-prefix", ""}}) {
        auto bad = parse(args);
        ASSERT_FALSE(bad.ok()) << args[0];
        EXPECT_EQ(bad.error().code, "loadtest.bad_option");
    }
}

TEST(LoadOptions, ErrorsNameTheFlag) {
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--publishers", "0"},
                                               {"--loss", "101"},
                                               {"--subscribers", "ten"},
                                               {"--duration"},
                                               {"--report", "xml"},
                                               {"--subscribers", "10", "--rooms", "3"}}) {
        auto o = parse(args);
        ASSERT_FALSE(o.ok()) << args[0];
        EXPECT_NE(o.error().message.find(args[args.size() == 4 ? 2 : 0]), std::string::npos)
            << o.error().message;
    }
    auto unknown = parse({"--frobnicate"});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "loadtest.unknown_option");
    EXPECT_FALSE(parse({"--audio-only", "--simulcast"}).ok());
}

}  // namespace
}  // namespace vp::tools::loadtest
