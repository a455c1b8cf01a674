#pragma once
// MediaLoop: one thread that drives many WebRtcClients (publishers and
// subscribers) with one epoll set, so hundreds of peers fit on a few threads.
// Publishers pace synthetic frames, answer PLI/FIR with keyframes, and can drop
// (--loss) or hold (--delay) packets before SRTP; subscribers count what they
// decrypt per stream (loss, recovered, jitter, one-way delay from the probe).
//
// Threads: add(), addReceiveStreams(), setSending() and the counters may be
// called from any thread; everything else runs on the loop's own thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sfu/client/media_peer.hpp"
#include "sfu/client/webrtc_client.hpp"
#include "tools/loadtest/fast_random.hpp"
#include "tools/loadtest/report.hpp"
#include "tools/loadtest/stream_receiver.hpp"
#include "tools/loadtest/synthetic_source.hpp"

namespace vp::tools::loadtest {

// One stream a subscriber expects (from the consumer's RTP parameters).
struct ReceiveSpec {
    std::string label;  // aggregation key, e.g. "pub0/video"
    std::uint32_t ssrc = 0;
    std::uint32_t clockRate = 90'000;
    std::optional<std::uint32_t> rtxSsrc;
    std::uint8_t payloadType = 0;  // the media payload type RTX unwraps to
};

struct Impairments {
    double lossPercent = 0;
    double recvLossPercent = 0;
    std::chrono::milliseconds delay{0};
};

class MediaLoop {
  public:
    // `clock` must outlive the loop.
    MediaLoop(std::size_t index, Impairments impairments, std::uint64_t seed,
              const common::Clock& clock);
    ~MediaLoop();  // stop()
    MediaLoop(const MediaLoop&) = delete;
    MediaLoop& operator=(const MediaLoop&) = delete;

    // Takes a client on which connect() was called; `sources` make it a publisher.
    // Returns its id within this loop.
    std::size_t add(std::unique_ptr<sfu::client::WebRtcClient> client,
                    std::vector<SourceConfig> sources);
    void addReceiveStreams(std::size_t endpoint, std::vector<ReceiveSpec> streams);
    // Publishers send while true; turning it on resets every counter.
    void setSending(bool sending);

    std::size_t connected() const { return connected_; }
    std::size_t failed() const { return failed_; }
    std::size_t endpoints() const { return endpointCount_; }
    // The first failure message, if any endpoint failed.
    std::string firstFailure() const;

    // Stops the thread; then the totals below are final.
    void stop();
    std::map<std::string, StreamAggregate> streamTotals() const;
    SendTotals sendTotals() const;

  private:
    struct Endpoint;
    struct Delayed {
        std::int64_t dueUs;
        std::size_t endpoint;
        std::vector<std::uint8_t> packet;
    };

    void run();
    void runCommands();
    void service(Endpoint& e);
    void sendFrames(std::int64_t nowUs);
    void sendOrHold(Endpoint& e, sfu::packet::Bytes packet, std::int64_t nowUs);
    void releaseDelayed(std::int64_t nowUs);
    void onRtp(Endpoint& e, const sfu::packet::RtpPacketView& packet);
    void onRtcp(Endpoint& e, std::span<const std::uint8_t> packet);
    void housekeeping();

    std::size_t index_;
    Impairments impairments_;
    const common::Clock& clock_;
    FastRandom random_;
    int epoll_ = -1;
    std::vector<std::unique_ptr<Endpoint>> endpoints_;  // loop thread only
    std::deque<Delayed> delayed_;
    std::map<std::string, LatencyHistogram> delays_;  // per label
    SendTotals sent_;

    mutable std::mutex mutex_;
    std::vector<std::function<void()>> commands_;
    std::string firstFailure_;
    std::atomic<bool> running_{true};
    std::atomic<bool> sending_{false};
    bool wasSending_ = false;
    std::atomic<std::size_t> connected_{0};
    std::atomic<std::size_t> failed_{0};
    std::atomic<std::size_t> endpointCount_{0};
    std::thread thread_;
};

std::int64_t monotonicMicros();

}  // namespace vp::tools::loadtest
