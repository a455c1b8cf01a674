#pragma once
// Small readers and writers of nullable cells shared by the enterprise repositories.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "storage/sql_value.hpp"

namespace vp::services::enterprises::sql {

using TimePoint = std::chrono::system_clock::time_point;

inline common::Error badRow(std::string_view table) {
    return common::makeError("storage.type",
                             std::string(table) + " holds a row of unexpected shape");
}

inline std::optional<std::int64_t> optionalInt(const storage::Row& row, std::size_t column) {
    auto value = storage::getInt(row, column);
    return value ? std::optional<std::int64_t>(*value) : std::nullopt;
}

inline std::optional<std::string> optionalText(const storage::Row& row, std::size_t column) {
    auto value = storage::getText(row, column);
    return value ? std::optional<std::string>(std::move(*value)) : std::nullopt;
}

inline std::optional<TimePoint> optionalTime(const storage::Row& row, std::size_t column) {
    auto value = storage::getInt(row, column);
    return value ? std::optional<TimePoint>(common::fromUnixMillis(*value)) : std::nullopt;
}

inline storage::SqlValue millis(TimePoint t) {
    return common::toUnixMillis(t);
}

inline storage::SqlValue nullable(const std::optional<std::string>& value) {
    return value ? storage::SqlValue{*value} : storage::SqlValue{storage::SqlNull{}};
}

inline storage::SqlValue nullable(const std::optional<std::int64_t>& value) {
    return value ? storage::SqlValue{*value} : storage::SqlValue{storage::SqlNull{}};
}

inline storage::SqlValue nullable(const std::optional<TimePoint>& value) {
    return value ? millis(*value) : storage::SqlValue{storage::SqlNull{}};
}

// Each row of a query's result through `read` (Row -> Result<T>); the first error wins.
template <typename T, typename Read>
common::Result<std::vector<T>> mapRows(common::Result<std::vector<storage::Row>> rows, Read read) {
    if (!rows) {
        return rows.error();
    }
    std::vector<T> out;
    out.reserve(rows->size());
    for (const auto& row : *rows) {
        common::Result<T> item = read(row);
        if (!item) {
            return item.error();
        }
        out.push_back(std::move(*item));
    }
    return out;
}

}  // namespace vp::services::enterprises::sql
