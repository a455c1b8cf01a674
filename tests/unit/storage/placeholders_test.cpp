#include "storage/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace vp::storage::postgres {
namespace {

TEST(RewritePlaceholders, NumbersQuestionMarksInOrder) {
    auto r = rewritePlaceholders("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
    EXPECT_EQ(r.sql, "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)");
    EXPECT_EQ(r.placeholders, 3u);
}

TEST(RewritePlaceholders, LeavesQuotedTextAndCommentsAlone) {
    auto r = rewritePlaceholders(
        "SELECT '?', 'it''s ?', \"odd?name\" FROM t -- why?\nWHERE a = ? /* b = ? */ AND c = ?");
    EXPECT_EQ(
        r.sql,
        "SELECT '?', 'it''s ?', \"odd?name\" FROM t -- why?\nWHERE a = $1 /* b = ? */ AND c = $2");
    EXPECT_EQ(r.placeholders, 2u);
}

TEST(RewritePlaceholders, SurvivesUnterminatedInput) {
    EXPECT_EQ(rewritePlaceholders("SELECT 'abc ?").placeholders, 0u);
    EXPECT_EQ(rewritePlaceholders("SELECT ? /* open").sql, "SELECT $1 /* open");
    EXPECT_EQ(rewritePlaceholders("").sql, "");
}

}  // namespace
}  // namespace vp::storage::postgres
