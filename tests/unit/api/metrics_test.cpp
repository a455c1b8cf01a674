// common::MetricsRegistry (lives with the api tests, its only consumer so far).
#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace vp::common {
namespace {

TEST(MetricsTest, RendersCountersWithLabelsInPrometheusFormat) {
    MetricsRegistry registry;
    auto& requests =
        registry.counter("videopro_http_requests_total", "Requests.", {"route", "status"});
    requests.inc({"/healthz", "200"});
    requests.inc({"/healthz", "200"});
    requests.inc({"/a\"b", "404"});
    const std::string text = registry.render();
    EXPECT_NE(text.find("# HELP videopro_http_requests_total Requests.\n"
                        "# TYPE videopro_http_requests_total counter\n"),
              std::string::npos);
    EXPECT_NE(text.find("videopro_http_requests_total{route=\"/healthz\",status=\"200\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("videopro_http_requests_total{route=\"/a\\\"b\",status=\"404\"} 1\n"),
              std::string::npos);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
    MetricsRegistry registry;
    auto& h = registry.histogram("latency_seconds", "Latency.", {0.1, 1.0});
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5.0);
    const std::string text = registry.render();
    EXPECT_NE(text.find("# TYPE latency_seconds histogram\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{le=\"1\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_sum 5.55\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_count 3\n"), std::string::npos);
}

TEST(MetricsTest, GaugesAtomicAndCallback) {
    MetricsRegistry registry;
    auto& open = registry.gauge("videopro_websocket_open", "Open sockets.");
    open.add(3);
    open.add(-1);
    registry.gaugeCallback("pool_in_use", "In use.", [] { return 4.0; });
    const std::string text = registry.render();
    EXPECT_NE(text.find("videopro_websocket_open 2\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE pool_in_use gauge\npool_in_use 4\n"), std::string::npos);
    // Registering a name again returns the same metric.
    EXPECT_EQ(&registry.gauge("videopro_websocket_open", "x"), &open);
}

TEST(MetricsTest, LabelCardinalityIsBounded) {
    MetricsRegistry registry;
    auto& c = registry.counter("c_total", "C.", {"k"}, 2);
    c.inc({"a"});
    c.inc({"b"});
    c.inc({"c"});
    c.inc({"a"});
    EXPECT_EQ(c.value({"a"}), 2.0);
    EXPECT_EQ(c.value({"c"}), 0.0);
    EXPECT_EQ(c.droppedSeries(), 1u);
}

TEST(MetricsTest, ConcurrentIncrementsAreAllCounted) {
    MetricsRegistry registry;
    auto& c = registry.counter("c_total", "C.", {"k"});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10000; ++i) {
                c.inc({"x"});
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(c.value({"x"}), 40000.0);
}

TEST(MetricsTest, FormatsValues) {
    EXPECT_EQ(formatMetricValue(3.0), "3");
    EXPECT_EQ(formatMetricValue(0.25), "0.25");
    EXPECT_EQ(formatMetricValue(1.0 / 0.0), "+Inf");
}

}  // namespace
}  // namespace vp::common
