#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

constexpr std::string_view kBookkeeping = "database bookkeeping, about no person";

TableDeclaration schemaMigrations() {
    return {"schema_migrations",
            "Which schema migrations have been applied.",
            {
                notPersonalColumn("version", std::string(kBookkeeping)),
                notPersonalColumn("name", std::string(kBookkeeping)),
                notPersonalColumn("applied_at", std::string(kBookkeeping)),
            }};
}

TableDeclaration networkOperationLog() {
    const std::string category = "network operation log";
    const std::string purpose = "security and troubleshooting of the service";
    const Retention retention{kOperationLogMinimumRetention, std::chrono::days{365},
                              "kept at least 6 months (R-PRIV-7), deleted after the "
                              "configured retention, at most one year"};
    return {"network_operation_log",
            "One row per HTTP request: time, route, status, latency, client IP.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("occurred_at", {category, purpose, "client_ip", retention, false}),
                notPersonalColumn("method", "HTTP method"),
                notPersonalColumn("route", "route template without path parameters or query"),
                notPersonalColumn("status", "HTTP status code"),
                notPersonalColumn("latency_us", "request latency"),
                personalColumn("client_ip", {category, purpose, "client_ip", retention, false}),
            }};
}

}  // namespace

const DataMap& videoproDataMap() {
    static const DataMap map({
        schemaMigrations(),
        networkOperationLog(),
    });
    return map;
}

}  // namespace vp::domain::privacy
