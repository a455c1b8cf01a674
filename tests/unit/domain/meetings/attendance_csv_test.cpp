#include <gtest/gtest.h>

#include "domain/meetings/attendance.hpp"

namespace vp::domain::meetings {
namespace {

using namespace std::chrono_literals;

TEST(CsvCellTest, QuotesPerRfc4180) {
    EXPECT_EQ(csvCell("plain"), "plain");
    EXPECT_EQ(csvCell(""), "");
    EXPECT_EQ(csvCell("a,b"), "\"a,b\"");
    EXPECT_EQ(csvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvCell("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvCell("cr\rhere"), "\"cr\rhere\"");
}

TEST(CsvCellTest, NeutralizesFormulas) {
    EXPECT_EQ(csvCell("=1+1"), "'=1+1");
    EXPECT_EQ(csvCell("+49 30"), "'+49 30");
    EXPECT_EQ(csvCell("-2"), "'-2");
    EXPECT_EQ(csvCell("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csvCell("\tx"), "'\tx");
    EXPECT_EQ(csvCell("=HYPERLINK(\"http://x\",\"a\")"),
              "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"");
    EXPECT_EQ(csvCell("a=b"), "a=b");  // only the first character matters
}

TEST(AttendanceCsvTest, OneLinePerStayWithTimesAndMinutes) {
    AttendanceReport report;
    report.meeting.meetingId = "1234567890";
    report.meeting.subject = "Plan, \"Q3\"";
    const TimePoint t0{std::chrono::seconds{1'800'000'000}};
    report.rows.push_back({1, {std::int64_t{7}, "Alice"}, t0, t0 + 30min});
    report.rows.push_back({2, {std::nullopt, "=cmd|' /C calc'!A0"}, t0 + 5min, std::nullopt});
    const std::string csv = attendanceCsv(report);
    EXPECT_EQ(
        csv,
        "meeting_id,subject,name,attendee_type,joined_at,exited_at,minutes\r\n"
        "1234567890,\"Plan, \"\"Q3\"\"\",Alice,user,2027-01-15T08:00:00Z,"
        "2027-01-15T08:30:00Z,30\r\n"
        "1234567890,\"Plan, \"\"Q3\"\"\",'=cmd|' /C calc'!A0,guest,2027-01-15T08:05:00Z,,\r\n");
}

}  // namespace
}  // namespace vp::domain::meetings
