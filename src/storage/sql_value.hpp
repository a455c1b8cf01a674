#pragma once
// Values that cross the SQL seam: parameters and result cells.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace vp::storage {

using Blob = std::vector<std::uint8_t>;
using SqlNull = std::monostate;
using SqlValue = std::variant<SqlNull, std::int64_t, double, std::string, Blob>;
using Row = std::vector<SqlValue>;

inline bool isNull(const SqlValue& v) {
    return std::holds_alternative<SqlNull>(v);
}

// Typed reads of a result cell. They fail (code "storage.type") when the cell is
// missing, NULL or of another type, naming the column index.
common::Result<std::int64_t> getInt(const Row& row, std::size_t column);
common::Result<double> getDouble(const Row& row, std::size_t column);
common::Result<std::string> getText(const Row& row, std::size_t column);
common::Result<Blob> getBlob(const Row& row, std::size_t column);

}  // namespace vp::storage
