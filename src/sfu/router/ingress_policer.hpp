#pragma once
// IngressPolicer: caps what one producer may send into the router, so that a
// publisher sending far more than it announced (a broken or hostile client)
// cannot take the worker's CPU or the subscribers' links from everyone else.
//
// The announced bitrate is the sum of the producer's encodings' maxBitrate when
// every encoding names one, else a default per kind (kDefaultAudio for a
// microphone, kDefaultVideo for a camera or screen, whatever its encodings).
// The cap is kHeadroom times that (keyframes, RTX, FEC and the browser's own
// probing stay well inside it), as a token bucket holding one second of the cap.
// A packet over the cap is dropped before the producer takes it in: to the
// router it is as if lost on the network (bounded NACKs, then a keyframe
// request), and only that producer's subscribers see it.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

class IngressPolicer {
  public:
    static constexpr std::uint64_t kDefaultAudio = 512'000;    // bits/s (Opus tops at 510 k)
    static constexpr std::uint64_t kDefaultVideo = 8'000'000;  // bits/s
    static constexpr std::uint64_t kHeadroom = 3;

    // The announced bitrate of a producer, as described above.
    static std::uint64_t announcedBitrate(rtp_parameters::MediaKind kind,
                                          const rtp_parameters::RtpParameters& parameters);

    explicit IngressPolicer(std::uint64_t announcedBitsPerSecond);

    // Whether a packet of `bytes` fits the cap at `now` (and takes its tokens).
    bool admit(std::size_t bytes, std::chrono::steady_clock::time_point now);

    std::uint64_t capBitsPerSecond() const { return capBitsPerSecond_; }
    std::uint64_t droppedPackets() const { return droppedPackets_; }

  private:
    std::uint64_t capBitsPerSecond_;
    double tokens_;  // bytes
    double burstBytes_;
    std::chrono::steady_clock::time_point last_{};
    bool started_ = false;
    std::uint64_t droppedPackets_ = 0;
};

}  // namespace vp::sfu::router
