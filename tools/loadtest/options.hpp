#pragma once
// The command line of videopro-loadtest: what to load, against which server, and
// how to report. Pure: parsing and validation only.
#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "common/result.hpp"

namespace vp::tools::loadtest {

enum class Target : std::uint8_t { VideoPro, Janus };
enum class ReportFormat : std::uint8_t { Text, Json };

struct LoadOptions {
    Target target = Target::VideoPro;
    std::string url = "ws://127.0.0.1:8080/ws";            // VideoPro signalling
    std::string janusUrl = "http://127.0.0.1:8088/janus";  // Janus HTTP API
    std::string room = "loadtest";
    std::uint64_t janusRoom = 1234;
    std::size_t publishers = 1;
    std::size_t subscribers = 10;
    // Independent rooms, each with `publishers` publishers and its share of the
    // subscribers (for servers that cap the peers of one room).
    std::size_t rooms = 1;
    bool audioOnly = false;  // publishers send Opus only (else Opus + VP8)
    bool noAudio = false;    // publishers send VP8 only
    bool simulcast = false;  // three VP8 encodings (rid r0..r2)
    std::chrono::milliseconds duration{20'000};
    std::uint32_t videoBitrate = 1'000'000;  // bits/s of the top (or only) encoding
    std::uint32_t fps = 30;
    std::chrono::milliseconds keyframeInterval{2'500};
    double lossPercent = 0;              // dropped by publishers before sending (uplink)
    double recvLossPercent = 0;          // dropped by subscribers on arrival (downlink)
    std::chrono::milliseconds delay{0};  // added by publishers before sending
    std::size_t threads = 1;             // media threads of the load client
    std::string localIp = "127.0.0.1";   // our UDP sockets bind here
    ReportFormat report = ReportFormat::Text;
    int serverPid = 0;  // sample this process's CPU and memory
    std::chrono::milliseconds setupTimeout{60'000};
    std::uint64_t seed = 1;
    // Meeting mode (--meeting): `participants` named guests join this meeting ID
    // through POST /api/v1/meetings/{id}/join on --url's host, each publishing and
    // consuming everybody else (publishers/subscribers/rooms are not used).
    std::string meeting;
    std::size_t participants = 0;
    std::string guestPrefix = "guest";
    std::string passcode;
};

// Parses argv (without the program name). Errors name the flag and say what it takes.
common::Result<LoadOptions> parseOptions(std::span<const std::string> args);
std::string usage();

}  // namespace vp::tools::loadtest
