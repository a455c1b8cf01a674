#include "tools/loadtest/report.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace vp::tools::loadtest {
namespace {

RunReport sampleReport() {
    RunReport r;
    r.target = "videopro";
    r.mediaSeconds = 2.0;
    for (int s = 0; s < 2; ++s) {
        StreamReceiver stream(90'000);
        for (std::uint16_t seq = 0; seq < 100; ++seq) {
            if (seq != 50) {
                stream.onPacket(seq, 0, 2000, std::uint64_t{1000}, 1000, false,
                                r.streams["pub0/video"].delays);
            }
        }
        r.streams["pub0/video"].add(stream);
    }
    r.server = ServerSample{1.5, 1000, 2000, 3000};
    return r;
}

TEST(Report, AggregatesStreamsAndComputesRates) {
    const RunReport r = sampleReport();
    const StreamAggregate total = r.total();
    EXPECT_EQ(total.streams, 2u);
    EXPECT_EQ(total.counters.received, 198u);
    EXPECT_EQ(total.counters.lost(), 2u);
    EXPECT_EQ(total.delays.percentile(50), 1000u);

    const auto json = boost::json::parse(formatJson(r));
    EXPECT_EQ(json.at("total").at("received").to_number<std::uint64_t>(), 198u);
    EXPECT_DOUBLE_EQ(json.at("total").at("packetsPerSecond").as_double(), 99.0);
    EXPECT_DOUBLE_EQ(json.at("total").at("lossPercent").as_double(), 1.0);
    EXPECT_DOUBLE_EQ(json.at("server").at("cpuSeconds").as_double(), 1.5);
    EXPECT_TRUE(json.at("streams").as_object().contains("pub0/video"));

    const std::string text = formatText(r);
    EXPECT_NE(text.find("pub0/video"), std::string::npos);
    EXPECT_NE(text.find("lost        2 (1.000 %)"), std::string::npos) << text;
}

}  // namespace
}  // namespace vp::tools::loadtest
