#include "storage/connection.hpp"

namespace vp::storage {

std::string_view toString(Dialect dialect) {
    switch (dialect) {
        case Dialect::Sqlite:
            return "sqlite";
        case Dialect::Postgres:
            return "postgres";
    }
    return "unknown";
}

common::Result<Transaction> Transaction::begin(Connection& connection) {
    auto started = connection.begin();
    if (!started) {
        return started.error();
    }
    return Transaction(connection);
}

Transaction::Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
    other.connection_ = nullptr;
}

Transaction::~Transaction() {
    if (connection_ != nullptr) {
        (void)connection_->rollback();
    }
}

common::Status Transaction::commit() {
    if (connection_ == nullptr) {
        return common::makeError("storage.transaction", "the transaction is already finished");
    }
    Connection* c = connection_;
    connection_ = nullptr;
    auto done = c->commit();
    if (!done) {
        (void)c->rollback();
    }
    return done;
}

common::Status ping(Connection& connection) {
    auto rows = connection.query("SELECT 1");
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return common::makeError("storage.unavailable", "the database did not answer SELECT 1");
    }
    return {};
}

}  // namespace vp::storage
