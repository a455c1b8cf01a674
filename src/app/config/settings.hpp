#pragma once
// Settings: everything `videopro serve` can be told, with its embedded defaults
// (SQLite and files under var/, web + API on 127.0.0.1:8080, media on UDP 40000+).
#include <cstdint>
#include <string>

namespace vp::app::config {

struct Settings {
    // Where the settings came from, for messages.
    std::string configFile;

    // Storage
    std::string dataDir = "var";
    std::string databaseUrl;  // empty: sqlite:<dataDir>/videopro.db
    std::int64_t dbPoolSize = 2;
    std::int64_t dbQueueLimit = 1024;

    // HTTP + WebSocket edge
    std::string httpHost = "127.0.0.1";
    std::int64_t httpPort = 8080;
    std::int64_t httpThreads = 2;
    std::string webRoot = "web/dist";
    std::string tlsCertFile;
    std::string tlsKeyFile;
    bool selfSigned = false;
    std::int64_t maxHeaderBytes = 16 * 1024;
    std::int64_t maxBodyBytes = 1024 * 1024;
    std::int64_t readTimeoutMs = 10'000;
    std::int64_t idleTimeoutMs = 60'000;
    std::int64_t maxConnectionsPerIp = 64;
    std::int64_t maxConnections = 4096;
    std::int64_t wsMaxMessageBytes = 64 * 1024;
    std::int64_t wsMaxQueuedMessages = 256;
    std::int64_t drainTimeoutMs = 10'000;

    // Media (SFU)
    std::string mediaHost = "127.0.0.1";
    std::int64_t mediaPort = 40000;
    std::int64_t mediaWorkers = 0;  // 0: one per core
    std::string announcedIp;

    // Rooms (the meeting runtime)
    std::int64_t maxRooms = 256;
    std::int64_t maxPeersPerRoom = 16;
    std::int64_t maxWaitingPerRoom = 50;
    std::int64_t resumeGraceSeconds = 30;
    std::int64_t emptyRoomTimeoutSeconds = 300;
    std::int64_t joinsPerIpPerSecond = 20;
    std::int64_t loudestAudio = 0;  // 0: every audio stream is forwarded

    // Network operation log (R-PRIV-7)
    std::int64_t oplogRetentionDays = 183;
    std::int64_t oplogQueueCapacity = 10'000;
    std::int64_t oplogBatchSize = 500;
    std::int64_t oplogFlushIntervalMs = 1000;

    // Accounts: sessions (R-ACC-3) and sign-in limits
    std::string publicUrl;  // empty: the origin each request was addressed to
    std::int64_t sessionIdleMinutes = 30;
    std::int64_t sessionAbsoluteHours = 12;
    std::int64_t loginFailuresPerTarget = 10;
    std::int64_t loginFailuresPerIp = 50;
    std::int64_t codeFailuresPerIp = 30;
    std::int64_t passwordMemoryMib = 19;
    std::int64_t passwordPasses = 2;
    std::string codesKeyFile;  // empty: <dataDir>/keys/code.key

    // Outbox (R-ACC-6)
    std::string outboxTransport = "dev";  // dev: files in <dataDir>/outbox; smtp: SMTP + SMS
    std::string smtpUrl;
    bool smtpStarttls = true;
    std::string smtpUser;
    std::string smtpPasswordFile;
    std::string smtpFrom = "noreply@videopro.invalid";
    std::string smtpFromName = "VideoPro";
    std::string smtpCaFile;
    std::string smsUrlTemplate;
    std::string smsBodyTemplate;
    std::string smsContentType = "application/x-www-form-urlencoded";
    std::string smsAuthHeaderFile;

    // Enterprises (R-ACC-5)
    std::int64_t invitationDays = 7;

    // Privacy (R-PRIV-10): where the deployment stores personal data, shown to users.
    std::string storageRegion = "local";

    // Process
    std::string logLevel = "info";
    std::string readyFile;

    // Privacy center (R-PRIV-6): holiday calendar of request deadlines
    std::string privacyHolidays;

    std::string effectiveCodesKeyFile() const {
        return codesKeyFile.empty() ? dataDir + "/keys/code.key" : codesKeyFile;
    }
    std::string outboxDir() const { return dataDir + "/outbox"; }

    // The database URL after defaults are applied.
    std::string effectiveDatabaseUrl() const {
        return databaseUrl.empty() ? "sqlite:" + dataDir + "/videopro.db" : databaseUrl;
    }
};

}  // namespace vp::app::config
