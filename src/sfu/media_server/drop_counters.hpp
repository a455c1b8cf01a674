#pragma once
// DropCounters: why one media worker dropped what it dropped (issue 3 "Bad
// input"). Each datagram or packet that the media core refuses is counted under
// exactly one reason; the reasons are the `reason` label of
// videopro_media_dropped_by_reason_total. Unlike WorkerStats::dropped, the STUN
// requests refused with an error response (400/401/487) are counted here too.
// Plain data, no dependencies: it is part of MediaServer's public stats.
#include <array>
#include <cstdint>
#include <string_view>

namespace vp::sfu::media_server {

struct DropCounters {
    // The worker's socket and loop.
    std::uint64_t oversized = 0;        // larger than a receive slot (1500 bytes)
    std::uint64_t kernelOverflow = 0;   // the kernel's receive buffer was full
    std::uint64_t sendQueueFull = 0;    // our send queue was full (or datagram too large)
    std::uint64_t sendError = 0;        // the kernel refused a datagram we sent
    std::uint64_t workerQueueFull = 0;  // a closure posted to the worker was refused
    // The demultiplexer (UdpMux).
    std::uint64_t unclassified = 0;     // neither STUN, DTLS, RTP nor RTCP (RFC 7983)
    std::uint64_t malformedStun = 0;    // STUN that does not parse, request without USERNAME
    std::uint64_t unknownUfrag = 0;     // binding request for no transport of this worker
    std::uint64_t unknownSource = 0;    // DTLS/RTP/RTCP/STUN from an address no check validated
    std::uint64_t stunRateLimited = 0;  // plain Binding requests over their source's rate
    // ICE-lite (per transport).
    std::uint64_t stunIgnored = 0;       // not a binding request, or a bad FINGERPRINT
    std::uint64_t stunBadRequest = 0;    // 400: a required attribute is missing
    std::uint64_t stunUnauthorized = 0;  // 401: wrong ufrag or MESSAGE-INTEGRITY
    std::uint64_t stunRoleConflict = 0;  // 487: the peer claims the controlled role
    // DTLS and SRTP (per transport).
    std::uint64_t notConnected = 0;   // media before DTLS finished
    std::uint64_t dtlsBacklog = 0;    // DTLS before connect() beyond the pending bound
    std::uint64_t srtp = 0;           // SRTP/SRTCP authentication, replay or size failure
    std::uint64_t ssrcLimit = 0;      // a new SSRC beyond the transport's cap
    std::uint64_t malformedRtp = 0;   // RTP of a bad size or that does not parse
    std::uint64_t malformedRtcp = 0;  // RTCP of a bad size or with lying lengths
    // The router.
    std::uint64_t unknownSsrc = 0;       // decrypted RTP that no producer claims
    std::uint64_t unknownTransport = 0;  // RTP from a transport the router no longer has
    std::uint64_t policed = 0;           // RTP over its producer's cap (IngressPolicer)

    std::uint64_t total() const;
    DropCounters& operator+=(const DropCounters& other);
};

// Every reason with its label, in a fixed order (the order of /metrics).
struct DropReason {
    std::string_view label;
    std::uint64_t DropCounters::*counter;
};

inline constexpr std::array<DropReason, 23> kDropReasons{{
    {"oversized", &DropCounters::oversized},
    {"kernel_overflow", &DropCounters::kernelOverflow},
    {"send_queue_full", &DropCounters::sendQueueFull},
    {"send_error", &DropCounters::sendError},
    {"worker_queue_full", &DropCounters::workerQueueFull},
    {"unclassified", &DropCounters::unclassified},
    {"malformed_stun", &DropCounters::malformedStun},
    {"unknown_ufrag", &DropCounters::unknownUfrag},
    {"unknown_source", &DropCounters::unknownSource},
    {"stun_rate_limited", &DropCounters::stunRateLimited},
    {"stun_ignored", &DropCounters::stunIgnored},
    {"stun_bad_request", &DropCounters::stunBadRequest},
    {"stun_unauthorized", &DropCounters::stunUnauthorized},
    {"stun_role_conflict", &DropCounters::stunRoleConflict},
    {"not_connected", &DropCounters::notConnected},
    {"dtls_backlog", &DropCounters::dtlsBacklog},
    {"srtp", &DropCounters::srtp},
    {"ssrc_limit", &DropCounters::ssrcLimit},
    {"malformed_rtp", &DropCounters::malformedRtp},
    {"malformed_rtcp", &DropCounters::malformedRtcp},
    {"unknown_ssrc", &DropCounters::unknownSsrc},
    {"unknown_transport", &DropCounters::unknownTransport},
    {"over_announced_bitrate", &DropCounters::policed},
}};

inline std::uint64_t DropCounters::total() const {
    std::uint64_t sum = 0;
    for (const DropReason& reason : kDropReasons) {
        sum += this->*reason.counter;
    }
    return sum;
}

inline DropCounters& DropCounters::operator+=(const DropCounters& other) {
    for (const DropReason& reason : kDropReasons) {
        this->*reason.counter += other.*reason.counter;
    }
    return *this;
}

}  // namespace vp::sfu::media_server
