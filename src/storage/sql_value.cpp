#include "storage/sql_value.hpp"

namespace vp::storage {
namespace {

template <typename T>
common::Result<T> getCell(const Row& row, std::size_t column, const char* wanted) {
    if (column >= row.size()) {
        return common::makeError("storage.type", "result column " + std::to_string(column) +
                                                     " does not exist (row has " +
                                                     std::to_string(row.size()) + ")");
    }
    if (const T* v = std::get_if<T>(&row[column])) {
        return *v;
    }
    return common::makeError("storage.type", "result column " + std::to_string(column) +
                                                 " is not " + wanted +
                                                 (isNull(row[column]) ? " (it is NULL)" : ""));
}

}  // namespace

common::Result<std::int64_t> getInt(const Row& row, std::size_t column) {
    return getCell<std::int64_t>(row, column, "an integer");
}

common::Result<double> getDouble(const Row& row, std::size_t column) {
    if (column < row.size()) {
        if (const auto* i = std::get_if<std::int64_t>(&row[column])) {
            return static_cast<double>(*i);
        }
    }
    return getCell<double>(row, column, "a number");
}

common::Result<std::string> getText(const Row& row, std::size_t column) {
    return getCell<std::string>(row, column, "text");
}

common::Result<Blob> getBlob(const Row& row, std::size_t column) {
    return getCell<Blob>(row, column, "a blob");
}

}  // namespace vp::storage
