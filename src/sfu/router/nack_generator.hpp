#pragma once
// NackGenerator: the receive side of loss recovery for one incoming stream
// (RFC 4585 generic NACK). It tracks the sequence numbers seen (16-bit wrap
// aware), remembers the holes, and says which ones to NACK now: a new hole at
// once, then again every max(RTT, minRetryInterval) up to maxRetries times.
// A hole still open after that, or older than maxAge, is given up, and so is a
// burst larger than maxMissing: then a keyframe is needed. RTT is learned from
// the time between a single NACK and the repair (Karn: never from a retried one).
// Bounded: at most maxMissing holes, storage reserved at construction.
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

namespace vp::sfu::router {

struct NackGeneratorOptions {
    std::size_t maxMissing = 256;
    unsigned maxRetries = 10;
    std::chrono::milliseconds minRetryInterval{20};
    std::chrono::milliseconds maxAge{1000};
    std::chrono::milliseconds batchInterval{20};  // retries are checked this often
    std::chrono::milliseconds initialRtt{100};    // until a repair has been timed
};

struct NackGeneratorStats {
    std::uint64_t missing = 0;          // holes detected
    std::uint64_t recovered = 0;        // holes filled later (retransmission or reordering)
    std::uint64_t nackedSequences = 0;  // sequence numbers put into NACKs (retries included)
    std::uint64_t givenUp = 0;          // holes abandoned (retries, age or burst size)
};

class NackGenerator {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit NackGenerator(NackGeneratorOptions options = {});

    // Every packet of the stream (retransmissions unwrapped). True if it filled
    // a hole. A retransmission never moves the highest sequence number (an RTX
    // packet we did not ask for, e.g. a bandwidth probe, must not open holes).
    bool onPacket(std::uint16_t seq, TimePoint now, bool retransmission = false);

    // Whether collect() has anything to do now: a new hole, or the batch interval passed.
    bool shouldCollect(TimePoint now) const;

    struct Batch {
        std::size_t count = 0;        // sequence numbers written to out, in order
        bool keyframeNeeded = false;  // something was given up since the last batch
    };
    // The holes to NACK now (first time or due for a retry), at most out.size().
    Batch collect(TimePoint now, std::span<std::uint16_t> out);

    std::chrono::microseconds rtt() const { return rtt_; }
    bool rttMeasured() const { return rttMeasured_; }
    std::size_t missingCount() const { return missing_.size(); }
    const NackGeneratorStats& stats() const { return stats_; }

  private:
    struct Hole {
        std::uint16_t seq = 0;
        unsigned sent = 0;
        TimePoint detectedAt{};
        TimePoint lastSentAt{};
    };

    void addHoles(std::uint16_t from, std::uint16_t count, TimePoint now);
    void giveUpAll();
    void sampleRtt(std::chrono::steady_clock::duration sample);

    NackGeneratorOptions options_;
    std::vector<Hole> missing_;  // in sequence order, at most maxMissing
    bool started_ = false;
    std::uint16_t highest_ = 0;
    bool fresh_ = false;  // a hole not yet NACKed
    bool keyframeNeeded_ = false;
    TimePoint nextCollect_{};
    std::chrono::microseconds rtt_;
    bool rttMeasured_ = false;
    NackGeneratorStats stats_;
};

}  // namespace vp::sfu::router
