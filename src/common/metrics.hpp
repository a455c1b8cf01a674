#pragma once
// A small thread-safe metrics registry rendered in the Prometheus text exposition
// format (version 0.0.4): labelled counters, gauges (atomic or callback) and
// histograms with fixed buckets. Pure C++; the HTTP edge serves render() at /metrics.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vp::common {

// A counter family: one monotonically increasing value per distinct label set.
// The number of label sets is bounded; increments beyond the bound are dropped
// and counted in droppedSeries() so a label explosion cannot exhaust memory.
class CounterFamily {
  public:
    CounterFamily(std::vector<std::string> labelNames, std::size_t maxSeries);

    // labelValues must have one value per label name (extra/missing are ignored/empty).
    void inc(const std::vector<std::string>& labelValues, double by = 1.0);
    double value(const std::vector<std::string>& labelValues) const;
    std::uint64_t droppedSeries() const { return dropped_.load(); }

    void renderSamples(const std::string& name, std::string& out) const;

  private:
    std::vector<std::string> labelNames_;
    std::size_t maxSeries_;
    mutable std::mutex mutex_;
    std::map<std::vector<std::string>, double> series_;
    std::atomic<std::uint64_t> dropped_{0};
};

// A gauge holding a value that goes up and down.
class Gauge {
  public:
    void set(std::int64_t v) { value_.store(v); }
    void add(std::int64_t by) { value_.fetch_add(by); }
    std::int64_t value() const { return value_.load(); }

  private:
    std::atomic<std::int64_t> value_{0};
};

// A histogram with fixed, ascending upper bounds (the +Inf bucket is implicit).
class Histogram {
  public:
    explicit Histogram(std::vector<double> upperBounds);

    void observe(double v);
    std::uint64_t count() const;
    double sum() const;

    void renderSamples(const std::string& name, std::string& out) const;

  private:
    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    std::vector<std::uint64_t> buckets_;  // non-cumulative, one per bound plus +Inf
    std::uint64_t count_ = 0;
    double sum_ = 0.0;
};

class MetricsRegistry {
  public:
    // Each name is registered once; registering it again returns the same metric.
    CounterFamily& counter(const std::string& name, const std::string& help,
                           std::vector<std::string> labelNames, std::size_t maxSeries = 1000);
    Gauge& gauge(const std::string& name, const std::string& help);
    void gaugeCallback(const std::string& name, const std::string& help,
                       std::function<double()> read);
    Histogram& histogram(const std::string& name, const std::string& help,
                         std::vector<double> upperBounds);

    // Every metric, in name order, as Prometheus text.
    std::string render() const;

  private:
    struct Entry {
        std::string help;
        std::string type;
        std::unique_ptr<CounterFamily> counter;
        std::unique_ptr<Gauge> gauge;
        std::function<double()> callback;
        std::unique_ptr<Histogram> histogram;
    };
    Entry& entry(const std::string& name, const std::string& help, const std::string& type);

    mutable std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// Prometheus number formatting: integers without a fraction, "+Inf", "NaN".
std::string formatMetricValue(double v);
// Escapes a label value (backslash, double quote, newline).
std::string escapeLabelValue(const std::string& v);

}  // namespace vp::common
