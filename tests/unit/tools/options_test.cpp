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
