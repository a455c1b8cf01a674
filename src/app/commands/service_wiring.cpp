#include "app/commands/service_wiring.hpp"

#include <filesystem>

#include "common/log.hpp"

namespace vp::app::commands {

common::Result<std::unique_ptr<storage::Database>> openAndMigrate(const config::Settings& s) {
    std::error_code ec;
    std::filesystem::create_directories(s.dataDir, ec);
    if (ec) {
        return common::makeError(
            "data_dir", "cannot create the data folder " + s.dataDir + ": " + ec.message());
    }
    auto db = storage::Database::open(s.effectiveDatabaseUrl());
    if (!db) {
        return db.error();
    }
    if (auto migrated = (*db)->migrate(); !migrated) {
        return migrated.error();
    }
    return std::move(db).value();
}

api::ServerOptions serverOptions(const config::Settings& s) {
    api::ServerOptions o;
    o.host = s.httpHost;
    o.port = static_cast<std::uint16_t>(s.httpPort);
    o.threads = static_cast<int>(s.httpThreads);
    if (!s.tlsCertFile.empty()) {
        o.tls = api::TlsFiles{s.tlsCertFile, s.tlsKeyFile};
    }
    o.selfSigned = s.selfSigned;
    o.maxHeaderBytes = static_cast<std::size_t>(s.maxHeaderBytes);
    o.maxBodyBytes = static_cast<std::size_t>(s.maxBodyBytes);
    o.readTimeout = std::chrono::milliseconds{s.readTimeoutMs};
    o.idleTimeout = std::chrono::milliseconds{s.idleTimeoutMs};
    o.maxConnectionsPerIp = static_cast<std::size_t>(s.maxConnectionsPerIp);
    o.maxConnections = static_cast<std::size_t>(s.maxConnections);
    o.wsMaxMessageBytes = static_cast<std::size_t>(s.wsMaxMessageBytes);
    o.wsMaxQueuedMessages = static_cast<std::size_t>(s.wsMaxQueuedMessages);
    o.drainTimeout = std::chrono::milliseconds{s.drainTimeoutMs};
    o.requestLogQueue = static_cast<std::size_t>(s.oplogQueueCapacity);
    o.storageRegion = s.storageRegion;
    return o;
}

}  // namespace vp::app::commands
