#include "tools/loadtest/process_probe.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace vp::tools::loadtest {
namespace {

TEST(ProcessProbe, ReadsUtimePlusStimeEvenWithParenthesesInTheName) {
    const std::string stat =
        "4242 (video pro) (x)) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 25 0 0 20 0 9 0 100 "
        "1000 200 18446744073709551615";
    EXPECT_EQ(cpuTicksFromStat(stat), 175u);
    EXPECT_FALSE(cpuTicksFromStat("4242 (x) S 1 2"));
    EXPECT_FALSE(cpuTicksFromStat("garbage"));
}

TEST(ProcessProbe, ReadsKilobyteLinesOfStatus) {
    const std::string status = "Name:\tvideopro\nVmHWM:\t  51234 kB\nVmRSS:\t   40960 kB\n";
    EXPECT_EQ(statusKb(status, "VmHWM"), 51234u);
    EXPECT_EQ(statusKb(status, "VmRSS"), 40960u);
    EXPECT_FALSE(statusKb(status, "VmSwap"));
    EXPECT_FALSE(statusKb(status, "Vm"));
}

TEST(ProcessProbe, SamplesThisProcess) {
    auto sample = sampleProcess(static_cast<int>(::getpid()));
    ASSERT_TRUE(sample);
    EXPECT_GT(sample->rssKb, 0u);
    EXPECT_GE(sample->peakRssKb, sample->rssKb);
}

}  // namespace
}  // namespace vp::tools::loadtest
