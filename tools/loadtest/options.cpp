#include "tools/loadtest/options.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace vp::tools::loadtest {

namespace {

common::Error badFlag(const std::string& flag, const std::string& what) {
    return common::makeError("loadtest.bad_option", flag + " " + what + " (see --help)");
}

common::Result<std::uint64_t> unsignedIn(const std::string& flag, const std::string& text,
                                         std::uint64_t min, std::uint64_t max) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return badFlag(flag, "takes a whole number from " + std::to_string(min) + " to " +
                                 std::to_string(max) + ", not \"" + text + "\"");
    }
    return value;
}

common::Result<double> percentIn(const std::string& flag, const std::string& text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100) {
        return badFlag(flag, "takes a percentage from 0 to 100, not \"" + text + "\"");
    }
    return value;
}

using Setter =
    std::function<common::Status(LoadOptions&, const std::string& flag, const std::string& value)>;

template <typename Field>
Setter number(Field LoadOptions::*field, std::uint64_t min, std::uint64_t max) {
    return [field, min, max](LoadOptions& o, const std::string& flag,
                             const std::string& value) -> common::Status {
        auto n = unsignedIn(flag, value, min, max);
        if (!n) {
            return n.error();
        }
        o.*field = static_cast<Field>(*n);
        return {};
    };
}

Setter millis(std::chrono::milliseconds LoadOptions::*field, std::uint64_t min, std::uint64_t max,
              std::uint64_t scale) {
    return [field, min, max, scale](LoadOptions& o, const std::string& flag,
                                    const std::string& value) -> common::Status {
        auto n = unsignedIn(flag, value, min, max);
        if (!n) {
            return n.error();
        }
        o.*field = std::chrono::milliseconds(static_cast<std::int64_t>(*n * scale));
        return {};
    };
}

Setter text(std::string LoadOptions::*field) {
    return [field](LoadOptions& o, const std::string&, const std::string& value) -> common::Status {
        o.*field = value;
        return {};
    };
}

Setter percent(double LoadOptions::*field) {
    return [field](LoadOptions& o, const std::string& flag,
                   const std::string& value) -> common::Status {
        auto p = percentIn(flag, value);
        if (!p) {
            return p.error();
        }
        o.*field = *p;
        return {};
    };
}

const std::map<std::string, Setter>& valueFlags() {
    static const std::map<std::string, Setter> flags = {
        {"--url", text(&LoadOptions::url)},
        {"--janus-url", text(&LoadOptions::janusUrl)},
        {"--room", text(&LoadOptions::room)},
        {"--local-ip", text(&LoadOptions::localIp)},
        {"--janus-room", number(&LoadOptions::janusRoom, 1, 1'000'000'000)},
        {"--publishers", number(&LoadOptions::publishers, 1, 64)},
        {"--subscribers", number(&LoadOptions::subscribers, 0, 2000)},
        {"--rooms", number(&LoadOptions::rooms, 1, 256)},
        {"--duration", millis(&LoadOptions::duration, 1, 3600, 1000)},
        {"--video-bitrate", number(&LoadOptions::videoBitrate, 10'000, 20'000'000)},
        {"--fps", number(&LoadOptions::fps, 1, 120)},
        {"--keyframe-interval", millis(&LoadOptions::keyframeInterval, 100, 60'000, 1)},
        {"--loss", percent(&LoadOptions::lossPercent)},
        {"--recv-loss", percent(&LoadOptions::recvLossPercent)},
        {"--delay", millis(&LoadOptions::delay, 0, 5'000, 1)},
        {"--threads", number(&LoadOptions::threads, 1, 16)},
        {"--server-pid", number(&LoadOptions::serverPid, 1, 4'194'304)},
        {"--setup-timeout", millis(&LoadOptions::setupTimeout, 1, 3600, 1000)},
        {"--seed", number(&LoadOptions::seed, 0, UINT64_MAX)},
        {"--meeting", text(&LoadOptions::meeting)},
        {"--participants", number(&LoadOptions::participants, 1, 200)},
        {"--guest-prefix", text(&LoadOptions::guestPrefix)},
        {"--passcode", text(&LoadOptions::passcode)},
        {"--target",
         [](LoadOptions& o, const std::string& flag, const std::string& v) -> common::Status {
             if (v != "videopro" && v != "janus") {
                 return badFlag(flag, "takes videopro or janus");
             }
             o.target = v == "janus" ? Target::Janus : Target::VideoPro;
             return {};
         }},
        {"--report",
         [](LoadOptions& o, const std::string& flag, const std::string& v) -> common::Status {
             if (v != "text" && v != "json") {
                 return badFlag(flag, "takes text or json");
             }
             o.report = v == "json" ? ReportFormat::Json : ReportFormat::Text;
             return {};
         }},
    };
    return flags;
}

common::Status checkMeeting(const LoadOptions& options) {
    const bool meeting = !options.meeting.empty();
    if (meeting != (options.participants > 0)) {
        return badFlag("--meeting", "and --participants go together");
    }
    if (!meeting) {
        return {};
    }
    if (options.target != Target::VideoPro) {
        return badFlag("--meeting", "needs --target videopro");
    }
    if (options.meeting.size() > 32 ||
        options.meeting.find_first_not_of("0123456789-") != std::string::npos) {
        return badFlag("--meeting", "takes a meeting ID (digits)");
    }
    if (options.guestPrefix.empty() || options.guestPrefix.size() > 48) {
        return badFlag("--guest-prefix", "takes 1 to 48 characters");
    }
    return {};
}

}  // namespace

common::Result<LoadOptions> parseOptions(std::span<const std::string> args) {
    LoadOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string flag = args[i];
        std::string value;
        bool inlineValue = false;
        if (const auto eq = flag.find('='); eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag.resize(eq);
            inlineValue = true;
        }
        if (flag == "--audio-only" || flag == "--no-audio" || flag == "--simulcast") {
            if (inlineValue) {
                return badFlag(flag, "takes no value");
            }
            (flag == "--audio-only" ? options.audioOnly
             : flag == "--no-audio" ? options.noAudio
                                    : options.simulcast) = true;
            continue;
        }
        const auto setter = valueFlags().find(flag);
        if (setter == valueFlags().end()) {
            return common::makeError("loadtest.unknown_option",
                                     "unknown option \"" + flag + "\" (see --help)");
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                return badFlag(flag, "needs a value");
            }
            value = args[++i];
        }
        if (auto set = setter->second(options, flag, value); !set) {
            return set.error();
        }
    }
    if (options.audioOnly && (options.noAudio || options.simulcast)) {
        return common::makeError("loadtest.bad_option",
                                 "--audio-only excludes --no-audio and --simulcast");
    }
    if (auto meeting = checkMeeting(options); !meeting) {
        return meeting.error();
    }
    if (options.subscribers % options.rooms != 0) {
        return badFlag("--rooms", "must divide --subscribers evenly");
    }
    return options;
}

std::string usage() {
    return R"(videopro-loadtest: N publishers and M subscribers over real ICE/DTLS/SRTP.

  --target videopro|janus   server kind (default videopro)
  --url URL                 VideoPro signalling WebSocket (default ws://127.0.0.1:8080/ws)
  --janus-url URL           Janus HTTP API (default http://127.0.0.1:8088/janus)
  --room ID                 VideoPro room id (default loadtest)
  --janus-room N            Janus VideoRoom room number (default 1234)
  --publishers N            publishers (default 1)
  --subscribers M           subscribers, each receiving every publisher (default 10)
  --rooms R                 split the load over R rooms, each with N publishers and
                            M / R subscribers (for servers that cap a room's peers)
  --audio-only              publishers send Opus only
  --no-audio                publishers send VP8 only
  --simulcast               three VP8 encodings per publisher (rid r0, r1, r2)
  --duration S              seconds of media after set-up (default 20)
  --video-bitrate BPS       top-layer video bit rate (default 1000000)
  --fps N                   video frame rate (default 30)
  --keyframe-interval MS    keyframe period (default 2500)
  --loss PCT                drop PCT % of RTP at the publishers (uplink)
  --recv-loss PCT           drop PCT % of RTP at the subscribers (downlink)
  --delay MS                hold each RTP packet MS ms at the publishers
  --local-ip IP             address our UDP sockets bind to (default 127.0.0.1; Janus's
                            libnice skips loopback, so give it the host's address)
  --threads N               media threads of the load client (default 1)
  --server-pid PID          sample this process's CPU time and memory
  --setup-timeout S         time allowed for signalling, ICE and DTLS (default 60)
  --report text|json        report format (default text)
  --seed N                  seed of the synthetic sizes and injected loss

Meeting mode (docs/meeting-protocol.md):
  --meeting ID              join this meeting: POST /api/v1/meetings/ID/join on --url's
                            host as a named guest, then joinMeeting over --url
  --participants N          guests joining one after another (1..200), each sending
                            the publishers' media and consuming every other guest
  --guest-prefix NAME       guest names NAME0, NAME1, ... (default guest)
  --passcode CODE           the meeting's passcode, when it has one
)";
}

}  // namespace vp::tools::loadtest
