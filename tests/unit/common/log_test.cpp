#include "common/log.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vp::common {
namespace {

class LogTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Logger::setSink([this](std::string_view line) { lines.emplace_back(line); });
        Logger::setMinimumLevel(LogLevel::Info);
    }
    void TearDown() override {
        Logger::setSink([](std::string_view) {});
        Logger::setMinimumLevel(LogLevel::Info);
    }
    std::vector<std::string> lines;
};

TEST_F(LogTest, WritesOneJsonObjectPerLineWithFields) {
    Logger log("api");
    log.info("request \"done\"", {{"route", "/healthz"}, {"status", "200"}});
    ASSERT_EQ(lines.size(), 1u);
    const std::string& line = lines[0];
    EXPECT_EQ(line.front(), '{');
    EXPECT_EQ(line.back(), '}');
    EXPECT_NE(line.find("\"component\":\"api\""), std::string::npos);
    EXPECT_NE(line.find("\"msg\":\"request \\\"done\\\"\""), std::string::npos);
    EXPECT_NE(line.find("\"route\":\"/healthz\""), std::string::npos);
}

TEST_F(LogTest, DropsLinesBelowMinimumLevel) {
    Logger log("api");
    log.debug("hidden");
    Logger::setMinimumLevel(LogLevel::Debug);
    log.debug("shown");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find("shown"), std::string::npos);
}

TEST(LogLevel, ParsesKnownNamesOnly) {
    LogLevel l{};
    EXPECT_TRUE(parseLogLevel("warn", l));
    EXPECT_EQ(l, LogLevel::Warn);
    EXPECT_FALSE(parseLogLevel("loud", l));
}

}  // namespace
}  // namespace vp::common
