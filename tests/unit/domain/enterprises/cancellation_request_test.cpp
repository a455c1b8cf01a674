#include "domain/enterprises/cancellation_request.hpp"

#include <gtest/gtest.h>

namespace vp::domain::enterprises {
namespace {

CancellationRequest pending() {
    CancellationRequest r;
    r.id = 1;
    r.enterpriseId = 2;
    r.userId = 3;
    return r;
}

TEST(CancellationDecisions, ARefusalNeedsAReason) {
    auto missing = checkDecision(pending(), CancellationStatus::Refused, std::nullopt);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "reason_required");
    auto blank = checkDecision(pending(), CancellationStatus::Refused, std::string_view("   "));
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code, "reason_required");
    auto given = checkDecision(pending(), CancellationStatus::Refused,
                               std::string_view(" Contract until June "));
    ASSERT_TRUE(given.ok());
    EXPECT_EQ(given->value_or(""), "Contract until June");
}

TEST(CancellationDecisions, AnApprovalMayCarryAReason) {
    auto none = checkDecision(pending(), CancellationStatus::Approved, std::nullopt);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    auto some = checkDecision(pending(), CancellationStatus::Approved, std::string_view("ok"));
    ASSERT_TRUE(some.ok());
    EXPECT_EQ(some->value_or(""), "ok");
}

TEST(CancellationDecisions, OnlyPendingRequestsAreDecidedAndReasonsAreBounded) {
    auto decided = pending();
    decided.status = CancellationStatus::Approved;
    auto again = checkDecision(decided, CancellationStatus::Refused, std::string_view("no"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "request_decided");
    auto tooLong = checkDecision(pending(), CancellationStatus::Refused,
                                 std::string_view(std::string(501, 'r')));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().code, "invalid_reason");
}

TEST(CancellationNotes, AreOptionalAndBounded) {
    EXPECT_EQ(normalizeCancellationNote("").valueOr("x"), "");
    EXPECT_EQ(normalizeCancellationNote(std::string(501, 'n')).error().code, "invalid_note");
    for (auto s :
         {CancellationStatus::Pending, CancellationStatus::Approved, CancellationStatus::Refused}) {
        EXPECT_EQ(parseCancellationStatus(toString(s)), s);
    }
}

}  // namespace
}  // namespace vp::domain::enterprises
