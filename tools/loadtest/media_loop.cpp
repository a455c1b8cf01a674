#include "tools/loadtest/media_loop.hpp"

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::tools::loadtest {

namespace packet = sfu::packet;
namespace rtcp = sfu::packet::rtcp;

namespace {
constexpr std::int64_t kHousekeepingUs = 50'000;
constexpr std::int64_t kMaxWaitUs = 5'000;
constexpr std::size_t kMaxDelayedPackets = 200'000;
constexpr std::size_t kMaxCatchUpFrames = 3;
constexpr int kMaxEvents = 256;
}  // namespace

std::int64_t monotonicMicros() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

struct MediaLoop::Endpoint {
    struct Stream {
        ReceiveSpec spec;
        StreamReceiver receiver;
        LatencyHistogram* delays;
    };
    std::size_t id = 0;
    std::unique_ptr<sfu::client::WebRtcClient> client;
    // Loss injection, send cache + NACK answers (RTX), NACKs and receiver reports.
    std::unique_ptr<sfu::client::MediaPeer> peer;
    std::vector<std::unique_ptr<SyntheticSource>> sources;
    std::vector<std::int64_t> nextFrameUs;
    std::vector<Stream> streams;
    bool reportedConnected = false;
    bool reportedFailed = false;
};

MediaLoop::MediaLoop(std::size_t index, Impairments impairments, std::uint64_t seed,
                     const common::Clock& clock)
    : index_(index),
      impairments_(impairments),
      clock_(clock),
      random_(seed + index * 7919),
      epoll_(::epoll_create1(EPOLL_CLOEXEC)),
      thread_([this] { run(); }) {}

MediaLoop::~MediaLoop() {
    stop();
    if (epoll_ >= 0) {
        ::close(epoll_);
    }
}

void MediaLoop::stop() {
    running_ = false;
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::size_t MediaLoop::add(std::unique_ptr<sfu::client::WebRtcClient> client,
                           std::vector<SourceConfig> sources) {
    const std::size_t id = endpointCount_++;
    auto endpoint = std::make_shared<Endpoint>();
    endpoint->id = id;
    endpoint->client = std::move(client);
    for (auto& config : sources) {
        endpoint->sources.push_back(std::make_unique<SyntheticSource>(std::move(config), random_));
        endpoint->nextFrameUs.push_back(0);
    }
    std::lock_guard lock(mutex_);
    commands_.push_back([this, endpoint] {
        auto owned = std::make_unique<Endpoint>(std::move(*endpoint));
        Endpoint* e = owned.get();
        sfu::client::MediaPeerOptions options;
        options.sendLoss = impairments_.lossPercent / 100.0;
        options.receiveLoss = impairments_.recvLossPercent / 100.0;
        e->peer = std::make_unique<sfu::client::MediaPeer>(*e->client, clock_, random_, options);
        for (const auto& source : e->sources) {
            const auto& c = source->config();
            // Video's RTX: SSRC + 1 and payload type + 1, as the produce request announces.
            e->peer->addSendStream({c.ssrc, c.video ? c.ssrc + 1 : 0,
                                    static_cast<std::uint8_t>(c.video ? c.payloadType + 1 : 0)});
        }
        e->peer->setRtpHandler([this, e](const packet::RtpPacketView& p) { onRtp(*e, p); });
        e->peer->setRtcpHandler([this, e](std::span<const std::uint8_t> p) { onRtcp(*e, p); });
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = e->id;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, e->client->fd(), &event);
        if (endpoints_.size() <= e->id) {
            endpoints_.resize(e->id + 1);
        }
        endpoints_[e->id] = std::move(owned);
    });
    return id;
}

void MediaLoop::addReceiveStreams(std::size_t endpoint, std::vector<ReceiveSpec> streams) {
    std::lock_guard lock(mutex_);
    commands_.push_back([this, endpoint, streams = std::move(streams)] {
        Endpoint& e = *endpoints_.at(endpoint);
        for (const auto& spec : streams) {
            e.peer->addReceiveStream(
                {spec.ssrc, spec.rtxSsrc.value_or(0), spec.payloadType, spec.clockRate, true});
            e.streams.push_back({spec, StreamReceiver(spec.clockRate), &delays_[spec.label]});
        }
    });
}

void MediaLoop::setSending(bool sending) {
    sending_ = sending;
}

std::string MediaLoop::firstFailure() const {
    std::lock_guard lock(mutex_);
    return firstFailure_;
}

void MediaLoop::runCommands() {
    std::vector<std::function<void()>> commands;
    {
        std::lock_guard lock(mutex_);
        commands.swap(commands_);
    }
    for (auto& command : commands) {
        command();
    }
}

void MediaLoop::run() {
    std::array<epoll_event, kMaxEvents> events{};
    std::int64_t nextHousekeeping = 0;
    while (running_) {
        runCommands();
        const std::int64_t now = monotonicMicros();
        if (sending_ && !wasSending_) {
            // A new measurement window: forget set-up traffic, spread the first frames.
            sent_ = SendTotals{};
            for (auto& [label, histogram] : delays_) {
                histogram = LatencyHistogram{};
            }
            for (auto& e : endpoints_) {
                for (auto& s : e->streams) {
                    s.receiver = StreamReceiver(s.spec.clockRate);
                }
                for (std::size_t i = 0; i < e->sources.size(); ++i) {
                    const auto interval = e->sources[i]->frameInterval().count();
                    e->nextFrameUs[i] = now + static_cast<std::int64_t>(random_.uniform(
                                                  static_cast<std::uint64_t>(interval)));
                }
            }
        }
        wasSending_ = sending_;
        if (wasSending_) {
            sendFrames(now);
        }
        releaseDelayed(now);

        std::int64_t wait = kMaxWaitUs;
        if (wasSending_) {
            for (const auto& e : endpoints_) {
                for (std::int64_t due : e->nextFrameUs) {
                    wait = std::min(wait, due - now);
                }
            }
        }
        if (!delayed_.empty()) {
            wait = std::min(wait, delayed_.front().dueUs - now);
        }
        const int timeoutMs = static_cast<int>(std::max<std::int64_t>(wait, 0) / 1000);
        const int n = ::epoll_wait(epoll_, events.data(), kMaxEvents, timeoutMs);
        for (int i = 0; i < n; ++i) {
            const auto id = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
            if (id < endpoints_.size() && endpoints_[id]) {
                service(*endpoints_[id]);
            }
        }
        if (monotonicMicros() >= nextHousekeeping) {
            housekeeping();
            nextHousekeeping = monotonicMicros() + kHousekeepingUs;
        }
    }
}

void MediaLoop::service(Endpoint& e) {
    e.client->poll(std::chrono::milliseconds(0));
    e.peer->tick();
}

void MediaLoop::housekeeping() {
    for (auto& e : endpoints_) {
        if (!e) {
            continue;
        }
        service(*e);
        if (!e->reportedConnected && e->client->connected()) {
            e->reportedConnected = true;
            ++connected_;
        }
        if (!e->reportedFailed && e->client->failed()) {
            e->reportedFailed = true;
            ++failed_;
            std::lock_guard lock(mutex_);
            if (firstFailure_.empty()) {
                firstFailure_ = e->client->failure()->message;
            }
        }
    }
}

void MediaLoop::sendFrames(std::int64_t nowUs) {
    for (auto& endpoint : endpoints_) {
        Endpoint& e = *endpoint;
        if (e.sources.empty() || !e.client->connected()) {
            continue;
        }
        bool sent = false;
        for (std::size_t i = 0; i < e.sources.size(); ++i) {
            SyntheticSource& source = *e.sources[i];
            const std::int64_t interval = source.frameInterval().count();
            std::size_t frames = 0;
            while (e.nextFrameUs[i] <= nowUs && frames < kMaxCatchUpFrames) {
                const std::uint64_t keyframesBefore = source.keyframesWritten();
                (void)source.nextFrame(static_cast<std::uint64_t>(nowUs),
                                       [&](packet::Bytes p) { sendOrHold(e, p, nowUs); });
                ++sent_.frames;
                sent_.keyframes += source.keyframesWritten() - keyframesBefore;
                e.nextFrameUs[i] += interval;
                ++frames;
                sent = true;
            }
            if (e.nextFrameUs[i] <= nowUs) {
                e.nextFrameUs[i] = nowUs + interval;  // too far behind: skip, don't burst
            }
        }
        if (sent) {
            service(e);
        }
    }
}

void MediaLoop::sendOrHold(Endpoint& e, packet::Bytes p, std::int64_t nowUs) {
    if (impairments_.delay.count() > 0) {
        if (delayed_.size() >= kMaxDelayedPackets) {
            ++sent_.sendDrops;
            return;
        }
        delayed_.push_back({nowUs + impairments_.delay.count() * 1000, e.id,
                            std::vector<std::uint8_t>(p.begin(), p.end())});
        return;
    }
    if (e.peer->sendRtp(p)) {
        ++sent_.rtpSent;
        sent_.bytesSent += p.size();
    } else {
        ++sent_.sendDrops;
    }
}

void MediaLoop::releaseDelayed(std::int64_t nowUs) {
    std::vector<std::size_t> touched;
    while (!delayed_.empty() && delayed_.front().dueUs <= nowUs) {
        Delayed& d = delayed_.front();
        Endpoint& e = *endpoints_.at(d.endpoint);
        if (e.peer->sendRtp(d.packet)) {
            ++sent_.rtpSent;
            sent_.bytesSent += d.packet.size();
        } else {
            ++sent_.sendDrops;
        }
        touched.push_back(d.endpoint);
        delayed_.pop_front();
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (std::size_t id : touched) {
        service(*endpoints_[id]);
    }
}

void MediaLoop::onRtp(Endpoint& e, const packet::RtpPacketView& p) {
    const std::int64_t now = monotonicMicros();
    const std::uint32_t ssrc = p.ssrc();
    for (auto& s : e.streams) {
        if (s.spec.ssrc == ssrc) {
            s.receiver.onPacket(p.sequenceNumber(), p.timestamp(), now, readProbe(p.payload()),
                                p.bytes().size(), false, *s.delays);
            return;
        }
        if (s.spec.rtxSsrc && *s.spec.rtxSsrc == ssrc) {
            const auto payload = p.payload();
            if (payload.size() >= 2) {  // RFC 4588: original sequence number first
                s.receiver.onPacket(packet::readU16(payload.data()), p.timestamp(), now,
                                    readProbe(payload), p.bytes().size(), true, *s.delays);
            }
            return;
        }
    }
}

void MediaLoop::onRtcp(Endpoint& e, std::span<const std::uint8_t> data) {
    if (e.sources.empty()) {
        return;
    }
    rtcp::CompoundIterator it(data);
    while (auto sub = it.next()) {
        if (sub->packetType() != rtcp::type::kPayloadFeedback) {
            continue;
        }
        const std::uint8_t format = sub->count();
        if (format != rtcp::fmt::kPli && format != rtcp::fmt::kFir) {
            continue;
        }
        const auto body = sub->body();
        // PLI names the media SSRC at offset 4; FIR names it in its first FCI (offset 8).
        const std::size_t at = format == rtcp::fmt::kPli ? 4 : 8;
        const std::uint32_t target = body.size() >= at + 4 ? packet::readU32(body.data() + at) : 0;
        ++sent_.keyframeRequests;
        for (auto& source : e.sources) {
            if (source->config().video && (target == 0 || source->config().ssrc == target)) {
                source->requestKeyframe();
            }
        }
    }
}

std::map<std::string, StreamAggregate> MediaLoop::streamTotals() const {
    std::map<std::string, StreamAggregate> out;
    for (const auto& e : endpoints_) {
        for (const auto& s : e->streams) {
            out[s.spec.label].add(s.receiver);
        }
    }
    for (const auto& [label, histogram] : delays_) {
        out[label].delays.merge(histogram);
    }
    return out;
}

SendTotals MediaLoop::sendTotals() const {
    SendTotals totals = sent_;
    for (const auto& e : endpoints_) {
        totals.srtpErrors += e->client->stats().srtpErrors;
        const auto& peer = e->peer->stats();
        totals.injectedLoss += peer.droppedOnSend;
        totals.injectedRecvLoss += peer.droppedOnReceive;
        totals.nacksReceived += peer.nacksReceived;
        totals.retransmitted += peer.retransmitted;
        totals.nacksSent += peer.nacksSent;
    }
    return totals;
}

}  // namespace vp::tools::loadtest
