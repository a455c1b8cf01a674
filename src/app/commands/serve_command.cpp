#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "api/http_server.hpp"
#include "api/router.hpp"
#include "api/signaling_endpoint.hpp"
#include "api/static_files.hpp"
#include "app/commands/accounts_wiring.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/enterprises_wiring.hpp"
#include "app/commands/media_metrics.hpp"
#include "app/commands/meetings_wiring.hpp"
#include "app/commands/privacy_wiring.hpp"
#include "app/commands/profile_wiring.hpp"
#include "app/commands/ready_file.hpp"
#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"
#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/mask.hpp"
#include "common/random.hpp"
#include "rooms/room_service.hpp"
#include "services/meetings/live_meeting_store.hpp"
#include "services/oplog/operation_log_retention.hpp"
#include "services/oplog/operation_log_writer.hpp"
#include "services/scheduler/periodic_task.hpp"
#include "sfu/media_server/media_server.hpp"
#include "signaling/method_table.hpp"
#include "signaling/ping.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {
namespace {

using services::oplog::OperationLogRetention;
using services::oplog::OperationLogWriter;

constexpr std::string_view kServeSummary =
    "Run VideoPro: the web client, the HTTP API, WebSocket signalling and the media\n"
    "server. Embedded defaults: SQLite and files under var/, http://127.0.0.1:8080,\n"
    "media on UDP 127.0.0.1:40000 and up.";

const common::Logger& log() {
    static const common::Logger logger("app");
    return logger;
}

api::ServerHooks makeHooks(storage::DbPool& pool, OperationLogWriter& writer,
                           const MediaMetrics& mediaMetrics) {
    api::ServerHooks hooks;
    hooks.checkReady = [&pool](std::function<void(bool, std::string)> answer) {
        auto shared = std::make_shared<std::function<void(bool, std::string)>>(std::move(answer));
        const bool queued = pool.submit(
            [shared](storage::Connection& c) {
                const auto s = storage::ping(c);
                (*shared)(s.ok(), s.ok() ? "" : s.error().message);
            },
            [shared](const common::Error& e) { (*shared)(false, e.message); });
        if (!queued) {
            (*shared)(false, "the database queue is full");
        }
    };
    hooks.recordRequest = [&writer](const api::RequestRecord& r) {
        writer.record({r.time, r.method, r.route, r.status, r.latencyMicros, r.clientIp});
    };
    hooks.appendMetrics = [&pool, &writer, &mediaMetrics](std::string& out) {
        const auto stats = writer.stats();
        out += "# HELP videopro_db_pool_in_use Database jobs running now.\n";
        out += "# TYPE videopro_db_pool_in_use gauge\n";
        out += "videopro_db_pool_in_use " + std::to_string(pool.inUse()) + "\n";
        out += "# HELP videopro_db_pool_queued Database jobs waiting for a worker.\n";
        out += "# TYPE videopro_db_pool_queued gauge\n";
        out += "videopro_db_pool_queued " + std::to_string(pool.queued()) + "\n";
        out += "# HELP videopro_oplog_records_total Network operation log records by outcome.\n";
        out += "# TYPE videopro_oplog_records_total counter\n";
        out += "videopro_oplog_records_total{outcome=\"written\"} " +
               std::to_string(stats.written) + "\n";
        out += "videopro_oplog_records_total{outcome=\"dropped\"} " +
               std::to_string(stats.dropped) + "\n";
        out += "videopro_oplog_records_total{outcome=\"failed\"} " + std::to_string(stats.failed) +
               "\n";
        mediaMetrics.render(out);
    };
    return hooks;
}

// The network operation log keeps at least six months (R-PRIV-7); older entries are
// deleted hourly on the database pool.
services::scheduler::PeriodicTask scheduleRetention(storage::DbPool& pool,
                                                    const OperationLogRetention& retention) {
    return services::scheduler::PeriodicTask(std::chrono::hours{1}, [&pool, retention] {
        pool.submit([retention](storage::Connection& c) {
            if (auto deleted = retention.runOnce(c); !deleted) {
                log().warn("operation log retention failed", {{"error", deleted.error().message}});
            } else if (*deleted > 0) {
                log().info("operation log retention", {{"deleted", std::to_string(*deleted)}});
            }
        });
    });
}

// The signalling WebSocket at /ws and its method table; a closed channel leaves its room.
common::Status registerSignaling(api::Router& router, const common::Clock& clock,
                                 rooms::RoomService& rooms) {
    auto table = std::make_shared<signaling::MethodTable>();
    if (auto added = signaling::addPing(*table, clock); !added) {
        return added;
    }
    if (auto added = rooms.registerMethods(*table); !added) {
        return added;
    }
    router.addWebSocket("/ws",
                        std::make_shared<api::SignalingEndpoint>(
                            std::move(table), signaling::DispatcherLimits{},
                            [&rooms](std::uint64_t channel) { rooms.onChannelClosed(channel); }));
    return {};
}

common::Result<std::unique_ptr<sfu::media_server::MediaServer>> startMedia(
    const config::Settings& settings, const common::Clock& clock) {
    sfu::media_server::MediaServerOptions options;
    options.host = settings.mediaHost;
    options.basePort = static_cast<std::uint16_t>(settings.mediaPort);
    options.workers = static_cast<std::size_t>(settings.mediaWorkers);
    options.announcedIp = settings.announcedIp;
    return sfu::media_server::MediaServer::start(std::move(options), clock);
}

rooms::MeetingLimits meetingLimits(const config::Settings& settings) {
    rooms::MeetingLimits limits;
    limits.maxWaiting = static_cast<std::size_t>(settings.maxWaitingPerRoom);
    limits.resumeGrace = std::chrono::seconds{settings.resumeGraceSeconds};
    limits.emptyTimeout = std::chrono::seconds{settings.emptyRoomTimeoutSeconds};
    limits.joinsPerIpPerSecond = static_cast<std::size_t>(settings.joinsPerIpPerSecond);
    return limits;
}

int fail(std::string_view what) {
    std::fprintf(stderr, "videopro serve: %.*s\n", static_cast<int>(what.size()), what.data());
    return 1;
}

}  // namespace

int serve(std::span<const std::string> args) {
    auto loaded = config::loadSettings(args, config::Environment::fromProcess());
    if (!loaded) {
        std::fprintf(stderr, "videopro serve: %s\n", loaded.error().message.c_str());
        return 2;
    }
    if (loaded->helpRequested) {
        std::fputs(config::renderHelp("serve", kServeSummary).c_str(), stdout);
        return 0;
    }
    const config::Settings& settings = loaded->settings;
    common::LogLevel level{};
    common::parseLogLevel(settings.logLevel, level);
    common::Logger::setMinimumLevel(level);

    auto db = openAndMigrate(settings);
    if (!db) {
        return fail(db.error().message);
    }
    log().info("database ready", {{"database", (*db)->description()}});
    const common::Clock& clock = common::SystemClock::instance();
    auto retention =
        OperationLogRetention::create(std::chrono::days{settings.oplogRetentionDays}, clock);
    if (!retention) {
        return fail(retention.error().message);
    }

    storage::DbPool pool(**db, {static_cast<std::size_t>(settings.dbPoolSize),
                                static_cast<std::size_t>(settings.dbQueueLimit)});
    OperationLogWriter writer(pool,
                              {static_cast<std::size_t>(settings.oplogQueueCapacity),
                               static_cast<std::size_t>(settings.oplogBatchSize),
                               std::chrono::milliseconds{settings.oplogFlushIntervalMs}},
                              clock);
    auto retentionTask = scheduleRetention(pool, *retention);

    api::Router router;
    if (!std::filesystem::is_regular_file(std::filesystem::path(settings.webRoot) / "index.html")) {
        log().warn("web client not found; build it with scripts/run",
                   {{"web_root", settings.webRoot}});
    }
    router.serveStatic(std::make_shared<api::StaticFiles>(settings.webRoot));
    auto media = startMedia(settings, clock);
    if (!media) {
        return fail(media.error().message);
    }
    rooms::RoomService rooms(**media, common::SecureRandom::instance(),
                             {static_cast<std::size_t>(settings.maxRooms),
                              static_cast<std::size_t>(settings.maxPeersPerRoom),
                              static_cast<std::size_t>(settings.loudestAudio)});

    auto accounts = AccountsRuntime::create(settings, **db, pool, clock);
    if (!accounts) {
        return fail(accounts.error().message);
    }
    (*accounts)->addRoutes(router);
    auto meetings = MeetingsRuntime::create(settings, pool, (*accounts)->accounts(), clock);
    if (!meetings) {
        return fail(meetings.error().message);
    }
    (*meetings)->addRoutes(router);
    services::meetings::PooledLiveMeetingStore liveMeetings(pool, (*meetings)->meetings(), clock);
    rooms.enableMeetings(
        {(*meetings)->meetings().joinTokens(), liveMeetings, clock, meetingLimits(settings)});
    if (auto registered = registerSignaling(router, clock, rooms); !registered) {
        return fail(registered.error().message);
    }
    services::scheduler::PeriodicTask roomsTick(std::chrono::seconds{1},
                                                [&rooms] { rooms.tick(); });
    auto privacy = PrivacyRuntime::create(settings, pool, clock);
    if (!privacy) {
        return fail(privacy.error().message);
    }
    (*privacy)->addRoutes(router, (*accounts)->accounts(), (*accounts)->outboxWaker());
    EnterprisesRuntime enterprises(settings, pool, **accounts, clock);
    enterprises.addRoutes(router);
    ProfileRuntime profile(clock, (*accounts)->codes());
    profile.addRoutes(router, settings, pool, (*accounts)->accounts(), (*accounts)->outboxWaker());
    (*privacy)->takeEnterpriseCancellations(enterprises.enterprises());

    MediaMetrics mediaMetrics(**media);
    auto hooks = makeHooks(pool, writer, mediaMetrics);
    hooks.appendMetrics = [base = hooks.appendMetrics, &privacy = **privacy](std::string& out) {
        base(out);
        privacy.appendMetrics(out);
    };
    api::HttpServer server(serverOptions(settings), router, std::move(hooks));
    if (auto started = server.start(); !started) {
        return fail(started.error().message);
    }
    (*accounts)->start();
    (*privacy)->start();
    server.stopOnSignals();
    log().info("serving", {{"url", server.baseUrl()}, {"web_root", settings.webRoot}});
    if (!settings.readyFile.empty()) {
        if (auto written = writeReadyFile(settings.readyFile, {server.baseUrl()}); !written) {
            server.stop();
            server.wait();
            return fail(written.error().message);
        }
    }
    server.wait();
    mediaMetrics.stop();
    roomsTick.stop();
    (*media)->stop();  // before `rooms` goes: media callbacks refer to it
    rooms.closeMeetingSessions();
    log().info("stopped serving; writing the last operation-log records");
    retentionTask.stop();
    (*accounts)->stop();
    (*privacy)->stop();
    writer.stop();
    pool.stop();
    return 0;
}

}  // namespace vp::app::commands
