#include "app/config/option_table.hpp"

namespace vp::app::config {
namespace {

constexpr IntRange kNoRange{0, 0};
constexpr IntRange kPort{0, 65535};

using S = Settings;

// Keep this table in the order --help shows it.
const OptionSpec kOptions[] = {
    {"data.dir", "--data-dir", "VIDEOPRO_DATA_DIR", &S::dataDir, kNoRange,
     "Folder for the SQLite database, uploads and the outbox."},
    {"database.url", "--database", "VIDEOPRO_DATABASE", &S::databaseUrl, kNoRange,
     "Database: sqlite:PATH or postgres://user@host:port/db. Default: "
     "sqlite:<data-dir>/videopro.db."},
    {"database.pool_size",
     "--db-pool-size",
     "VIDEOPRO_DB_POOL_SIZE",
     &S::dbPoolSize,
     {1, 64},
     "Database worker threads (database work never runs on network or media threads)."},
    {"database.queue_limit",
     "--db-queue-limit",
     "VIDEOPRO_DB_QUEUE_LIMIT",
     &S::dbQueueLimit,
     {1, 1'000'000},
     "Database jobs that may wait before new ones are refused."},
    {"http.host", "--http-host", "VIDEOPRO_HTTP_HOST", &S::httpHost, kNoRange,
     "Address the web client, API and WebSocket listen on."},
    {"http.port", "--http-port", "VIDEOPRO_HTTP_PORT", &S::httpPort, kPort,
     "TCP port for web + API (0 picks a free port)."},
    {"http.threads",
     "--http-threads",
     "VIDEOPRO_HTTP_THREADS",
     &S::httpThreads,
     {1, 256},
     "Network threads of the HTTP edge."},
    {"http.web_root", "--web-root", "VIDEOPRO_WEB_ROOT", &S::webRoot, kNoRange,
     "Folder of the built web client (web/dist)."},
    {"tls.cert_file", "--tls-cert", "VIDEOPRO_TLS_CERT", &S::tlsCertFile, kNoRange,
     "PEM certificate chain; with --tls-key turns on HTTPS."},
    {"tls.key_file", "--tls-key", "VIDEOPRO_TLS_KEY", &S::tlsKeyFile, kNoRange,
     "PEM private key for --tls-cert."},
    {"tls.self_signed", "--self-signed", "VIDEOPRO_SELF_SIGNED", &S::selfSigned, kNoRange,
     "Serve HTTPS with a certificate generated at start (LAN trials only)."},
    {"limits.max_header_bytes",
     "--max-header-bytes",
     "VIDEOPRO_MAX_HEADER_BYTES",
     &S::maxHeaderBytes,
     {1024, 1024 * 1024},
     "Largest request header block (431 beyond)."},
    {"limits.max_body_bytes",
     "--max-body-bytes",
     "VIDEOPRO_MAX_BODY_BYTES",
     &S::maxBodyBytes,
     {0, 1024LL * 1024 * 1024},
     "Largest request body (413 beyond)."},
    {"limits.read_timeout_ms",
     "--read-timeout-ms",
     "VIDEOPRO_READ_TIMEOUT_MS",
     &S::readTimeoutMs,
     {100, 600'000},
     "Time a client has to send a complete request header."},
    {"limits.idle_timeout_ms",
     "--idle-timeout-ms",
     "VIDEOPRO_IDLE_TIMEOUT_MS",
     &S::idleTimeoutMs,
     {100, 3'600'000},
     "Time an idle keep-alive connection stays open."},
    {"limits.max_connections_per_ip",
     "--max-connections-per-ip",
     "VIDEOPRO_MAX_CONNECTIONS_PER_IP",
     &S::maxConnectionsPerIp,
     {1, 1'000'000},
     "Open connections allowed from one client address."},
    {"limits.max_connections",
     "--max-connections",
     "VIDEOPRO_MAX_CONNECTIONS",
     &S::maxConnections,
     {1, 1'000'000},
     "Open connections allowed in all."},
    {"limits.ws_max_message_bytes",
     "--ws-max-message-bytes",
     "VIDEOPRO_WS_MAX_MESSAGE_BYTES",
     &S::wsMaxMessageBytes,
     {256, 16 * 1024 * 1024},
     "Largest WebSocket message."},
    {"limits.ws_max_queued_messages",
     "--ws-max-queued-messages",
     "VIDEOPRO_WS_MAX_QUEUED_MESSAGES",
     &S::wsMaxQueuedMessages,
     {1, 100'000},
     "Messages queued to one slow WebSocket client before it is disconnected."},
    {"limits.drain_timeout_ms",
     "--drain-timeout-ms",
     "VIDEOPRO_DRAIN_TIMEOUT_MS",
     &S::drainTimeoutMs,
     {0, 600'000},
     "On SIGTERM/SIGINT, time given to requests in flight."},
    {"media.host", "--media-host", "VIDEOPRO_MEDIA_HOST", &S::mediaHost, kNoRange,
     "Address the media workers' UDP sockets bind to."},
    {"media.port", "--media-port", "VIDEOPRO_MEDIA_PORT", &S::mediaPort, kPort,
     "First UDP port for media; worker N uses port + N (0 picks free ports)."},
    {"media.workers",
     "--media-workers",
     "VIDEOPRO_MEDIA_WORKERS",
     &S::mediaWorkers,
     {0, 256},
     "Media worker threads (0: one per core)."},
    {"media.announced_ip", "--announced-ip", "VIDEOPRO_ANNOUNCED_IP", &S::announcedIp, kNoRange,
     "Public address announced to browsers behind NAT (default: the media host)."},
    {"oplog.retention_days",
     "--oplog-retention-days",
     "VIDEOPRO_OPLOG_RETENTION_DAYS",
     &S::oplogRetentionDays,
     {183, 36500},
     "Days the network operation log is kept (at least 6 months, R-PRIV-7)."},
    {"oplog.queue_capacity",
     "--oplog-queue-capacity",
     "VIDEOPRO_OPLOG_QUEUE_CAPACITY",
     &S::oplogQueueCapacity,
     {1, 10'000'000},
     "Operation-log records buffered before dropping."},
    {"oplog.batch_size",
     "--oplog-batch-size",
     "VIDEOPRO_OPLOG_BATCH_SIZE",
     &S::oplogBatchSize,
     {1, 100'000},
     "Operation-log records written per database transaction."},
    {"oplog.flush_interval_ms",
     "--oplog-flush-interval-ms",
     "VIDEOPRO_OPLOG_FLUSH_INTERVAL_MS",
     &S::oplogFlushIntervalMs,
     {10, 600'000},
     "Longest wait before buffered records are written."},
    {"log.level", "--log-level", "VIDEOPRO_LOG_LEVEL", &S::logLevel, kNoRange,
     "debug, info, warn or error."},
    {"process.ready_file", "--ready-file", "VIDEOPRO_READY_FILE", &S::readyFile, kNoRange,
     "When set, a JSON file with the bound addresses is written here once serving."},
};

}  // namespace

std::span<const OptionSpec> optionTable() {
    return kOptions;
}

std::string_view typeName(const OptionSpec& spec) {
    switch (spec.field.index()) {
        case 0:
            return "string";
        case 1:
            return "integer";
        default:
            return "boolean";
    }
}

}  // namespace vp::app::config
