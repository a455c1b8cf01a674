#pragma once
// Database: what a --database URL names. It opens connections (one per pool thread)
// and runs the embedded migrations.
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/connection.hpp"
#include "storage/database_url.hpp"

namespace vp::storage {

class Database {
  public:
    // Checks the URL and that a connection can be made (fails fast at start).
    static common::Result<std::unique_ptr<Database>> open(const std::string& url);

    Dialect dialect() const { return url_.dialect; }
    // The URL without its password, for logs.
    const std::string& description() const { return description_; }

    common::Result<std::unique_ptr<Connection>> connect() const;

    // Applies every embedded migration not applied yet. Idempotent.
    common::Status migrate(const common::Clock& clock = common::SystemClock::instance());
    // The highest applied migration version (0 for an empty database).
    common::Result<int> schemaVersion();

  private:
    Database(DatabaseUrl url, std::string description)
        : url_(std::move(url)), description_(std::move(description)) {}

    DatabaseUrl url_;
    std::string description_;
};

}  // namespace vp::storage
