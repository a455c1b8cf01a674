#include "tools/loadtest/load_run.hpp"

#include <unistd.h>

#include <thread>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "sfu/dtls/certificate.hpp"
#include "tools/loadtest/janus_target.hpp"
#include "tools/loadtest/meeting_target.hpp"
#include "tools/loadtest/process_probe.hpp"
#include "tools/loadtest/videopro_target.hpp"

namespace vp::tools::loadtest {

namespace {

constexpr auto kDrain = std::chrono::milliseconds(1000);

common::Result<std::unique_ptr<sfu::dtls::DtlsContext>> makeDtlsContext() {
    auto certificate = sfu::dtls::Certificate::generate(common::SystemClock::instance(),
                                                        common::SecureRandom::instance());
    if (!certificate) {
        return certificate.error();
    }
    auto context = sfu::dtls::DtlsContext::create(std::move(*certificate));
    if (!context) {
        return context.error();
    }
    return std::make_unique<sfu::dtls::DtlsContext>(std::move(*context));
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

common::Result<RunReport> runLoad(const LoadOptions& options) {
    RunReport report;
    report.target = options.target == Target::Janus ? "janus" : "videopro";
    report.options = options;
    auto dtls = makeDtlsContext();
    if (!dtls) {
        return dtls.error();
    }
    std::vector<std::unique_ptr<MediaLoop>> loops;
    const Impairments impairments{options.lossPercent, options.recvLossPercent, options.delay};
    for (std::size_t i = 0; i < options.threads; ++i) {
        loops.push_back(std::make_unique<MediaLoop>(i, impairments, options.seed,
                                                    common::SystemClock::instance()));
    }
    ServerSample server;
    const auto before = options.serverPid != 0 ? sampleProcess(options.serverPid) : std::nullopt;
    if (options.serverPid != 0 && !before) {
        return common::makeError("loadtest.no_server_process",
                                 "cannot read /proc/" + std::to_string(options.serverPid) +
                                     " (is --server-pid the server's process id?)");
    }
    server.rssBeforeKb = before ? before->rssKb : 0;

    const auto setupStart = std::chrono::steady_clock::now();
    RunContext context{options, loops, **dtls, common::SecureRandom::instance(),
                       common::SystemClock::instance()};
    MeetingJoins joins;
    auto session = options.target == Target::Janus ? setUpJanus(context)
                   : !options.meeting.empty()      ? setUpMeeting(context, joins)
                                                   : setUpVideoPro(context);
    if (!session) {
        return session.error();
    }
    if (auto connected = awaitConnected(loops, options.setupTimeout); !connected) {
        return connected.error();
    }
    // Let the keyframe requests of the new consumers settle.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    report.setupSeconds = secondsSince(setupStart);
    report.consumers = (*session)->consumers();
    if (!options.meeting.empty()) {
        report.meeting = joins;
    }

    const auto atStart = options.serverPid != 0 ? sampleProcess(options.serverPid) : std::nullopt;
    server.rssAfterSetupKb = atStart ? atStart->rssKb : 0;
    const double serverCpuAtStart = atStart ? atStart->cpuSeconds : 0;
    if (before && atStart) {
        server.setupCpuSeconds = serverCpuAtStart - before->cpuSeconds;
    }
    const auto selfAtStart = sampleProcess(static_cast<int>(::getpid()));
    const auto mediaStart = std::chrono::steady_clock::now();
    for (auto& loop : loops) {
        loop->setSending(true);
    }
    std::this_thread::sleep_for(options.duration);
    for (auto& loop : loops) {
        loop->setSending(false);
    }
    const auto atEnd = options.serverPid != 0 ? sampleProcess(options.serverPid) : std::nullopt;
    report.mediaSeconds = secondsSince(mediaStart);
    const auto selfAtEnd = sampleProcess(static_cast<int>(::getpid()));
    if (selfAtStart && selfAtEnd) {
        report.clientCpuSeconds = selfAtEnd->cpuSeconds - selfAtStart->cpuSeconds;
    }
    std::this_thread::sleep_for(kDrain);  // packets in flight still count
    for (auto& loop : loops) {
        loop->stop();
        for (auto& [label, stream] : loop->streamTotals()) {
            report.streams[label].merge(stream);
        }
        report.sent.merge(loop->sendTotals());
        report.endpointsConnected += loop->connected();
        report.endpointsFailed += loop->failed();
    }
    if (atStart && atEnd) {
        server.cpuSeconds = atEnd->cpuSeconds - serverCpuAtStart;
        server.peakRssKb = atEnd->peakRssKb;
        report.server = server;
    }
    loops.clear();  // clients go before the session's signalling
    return report;
}

}  // namespace vp::tools::loadtest
