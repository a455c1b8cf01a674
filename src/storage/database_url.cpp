#include "storage/database_url.hpp"

namespace vp::storage {

common::Result<DatabaseUrl> parseDatabaseUrl(std::string_view url) {
    if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return DatabaseUrl{Dialect::Postgres, std::string(url)};
    }
    std::string_view path = url;
    if (path.starts_with("sqlite://")) {
        path.remove_prefix(9);
    } else if (path.starts_with("sqlite:")) {
        path.remove_prefix(7);
    } else if (const auto colon = path.find("://"); colon != std::string_view::npos) {
        return common::makeError("storage.bad_url",
                                 "unsupported database URL scheme '" +
                                     std::string(path.substr(0, colon)) +
                                     "'; use sqlite:PATH or postgres://user@host:port/db");
    }
    if (path.empty()) {
        return common::makeError("storage.bad_url",
                                 "the SQLite database path is empty; use sqlite:PATH");
    }
    if (path == ":memory:" || path.starts_with("file:")) {
        return common::makeError("storage.bad_url",
                                 "in-memory and URI SQLite databases are not supported (each "
                                 "pool connection would see its own); give a file path");
    }
    return DatabaseUrl{Dialect::Sqlite, std::string(path)};
}

std::string redactDatabaseUrl(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return std::string(url);
    }
    const auto hostStart = scheme + 3;
    const auto at = url.find('@', hostStart);
    const auto slash = url.find('/', hostStart);
    if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
        return std::string(url);
    }
    const auto colon = url.find(':', hostStart);
    if (colon == std::string_view::npos || colon > at) {
        return std::string(url);
    }
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace vp::storage
