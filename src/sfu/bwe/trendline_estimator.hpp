#pragma once
// The delay-based half of a GCC-style estimator (draft-ietf-rmcat-gcc-02 and
// libwebrtc's trendline filter): received packets are grouped into bursts sent
// within kBurstMicros; for consecutive groups the one-way delay variation
// (arrival delta - send delta) is accumulated, smoothed, and a least-squares
// slope over the last `window` points tells whether queues grow. The slope,
// scaled, is compared with an adaptive threshold (grows slowly with large
// variations so jitter alone does not read as congestion, shrinks fast when
// they settle): above it for > 10 ms and still rising = Overusing, below its
// negative = Underusing, else Normal. Times are microseconds: send times from
// our clock, arrival times from the receiver's (only differences are used).
#include <array>
#include <cstdint>

namespace vp::sfu::bwe {

enum class BandwidthUsage : std::uint8_t { Normal, Overusing, Underusing };

struct TrendlineOptions {
    std::size_t window = 20;  // points in the regression (<= kMaxWindow)
    double smoothing = 0.9;   // of the accumulated delay
    double thresholdGain = 4.0;
};

class TrendlineEstimator {
  public:
    static constexpr std::size_t kMaxWindow = 64;
    static constexpr std::int64_t kBurstMicros = 5000;

    explicit TrendlineEstimator(TrendlineOptions options = {});

    // One received packet, in send order; nowMicros is our clock.
    void onPacket(std::int64_t sendMicros, std::int64_t arrivalMicros, std::int64_t nowMicros);

    BandwidthUsage state() const { return state_; }
    double trend() const { return trend_; }
    double threshold() const { return threshold_; }

  private:
    struct Group {
        bool valid = false;
        std::int64_t firstSend = 0;
        std::int64_t lastSend = 0;
        std::int64_t firstArrival = 0;
        std::int64_t lastArrival = 0;
    };
    bool belongsToCurrent(std::int64_t sendMicros, std::int64_t arrivalMicros) const;
    void onGroupDelta(double sendDeltaMs, double arrivalDeltaMs, std::int64_t arrivalMicros,
                      std::int64_t nowMicros);
    double slope() const;
    void detect(double sendDeltaMs, std::int64_t nowMicros);
    void updateThreshold(double modifiedTrend, std::int64_t nowMicros);

    TrendlineOptions options_;
    Group current_;
    Group previous_;
    // Regression points: arrival ms since the first group, smoothed delay ms.
    std::array<std::pair<double, double>, kMaxWindow> points_{};
    std::size_t pointCount_ = 0;
    std::int64_t firstArrival_ = -1;
    std::size_t deltas_ = 0;
    double accumulatedDelay_ = 0;
    double smoothedDelay_ = 0;
    double trend_ = 0;
    double previousTrend_ = 0;
    double threshold_ = 12.5;
    std::int64_t lastThresholdUpdate_ = -1;
    double timeOverusing_ = -1;
    int overuseCount_ = 0;
    BandwidthUsage state_ = BandwidthUsage::Normal;
};

}  // namespace vp::sfu::bwe
