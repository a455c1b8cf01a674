#include "storage/postgres/placeholders.hpp"

namespace vp::storage::postgres {
namespace {

// Copies a quoted run starting at sql[i] (the opening quote) and returns the index
// after its closing quote; a doubled quote inside is an escaped quote.
std::size_t copyQuoted(std::string_view sql, std::size_t i, std::string& out) {
    const char quote = sql[i];
    out += sql[i++];
    while (i < sql.size()) {
        out += sql[i];
        if (sql[i] == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) {
                out += sql[i + 1];
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return i;
}

std::size_t copyUntil(std::string_view sql, std::size_t i, std::string_view end, std::string& out) {
    const std::size_t stop = sql.find(end, i);
    const std::size_t next = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.append(sql.substr(i, next - i));
    return next;
}

}  // namespace

RewrittenSql rewritePlaceholders(std::string_view sql) {
    RewrittenSql result;
    result.sql.reserve(sql.size() + 16);
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
        if (c == '\'' || c == '"') {
            i = copyQuoted(sql, i, result.sql);
        } else if (c == '-' && next == '-') {
            i = copyUntil(sql, i, "\n", result.sql);
        } else if (c == '/' && next == '*') {
            i = copyUntil(sql, i, "*/", result.sql);
        } else if (c == '?') {
            result.sql += '$';
            result.sql += std::to_string(++result.placeholders);
            ++i;
        } else {
            result.sql += c;
            ++i;
        }
    }
    return result;
}

}  // namespace vp::storage::postgres
