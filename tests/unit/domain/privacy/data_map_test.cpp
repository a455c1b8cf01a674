#include "domain/privacy/data_map.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

using std::chrono::days;

DataMap sampleMap() {
    const Retention year{days{0}, days{365}, "one year"};
    const Retention halfYear{days{183}, days{400}, "at least six months"};
    const Retention account{days{0}, std::nullopt, "while the account exists"};
    return DataMap({
        {"accounts",
         "people",
         {
             notPersonalColumn("id", "row identifier"),
             personalColumn("email", {"contact", "login", "id", account, false}),
             personalColumn("phone", {"contact", "login", "id", account, false}),
             personalColumn("health_note", {"health", "accessibility", "id", year, true}),
         }},
        {"access_log",
         "requests",
         {
             notPersonalColumn("id", "row identifier"),
             personalColumn("ip", {"network", "security", "ip", halfYear, false}),
             personalColumn("user_agent", {"network", "security", "ip", year, false}),
         }},
        {"settings", "service settings", {notPersonalColumn("key", "configuration")}},
    });
}

TEST(DataMap, FindsTablesAndColumns) {
    const DataMap map = sampleMap();
    ASSERT_NE(map.table("accounts"), nullptr);
    EXPECT_EQ(map.table("nope"), nullptr);
    ASSERT_NE(map.column("accounts", "email"), nullptr);
    EXPECT_TRUE(map.column("accounts", "email")->isPersonal());
    EXPECT_FALSE(map.column("accounts", "id")->isPersonal());
    EXPECT_EQ(map.column("accounts", "missing"), nullptr);
    EXPECT_EQ(map.column("missing", "id"), nullptr);
}

TEST(DataMap, ListsColumnsByCategory) {
    const DataMap map = sampleMap();
    EXPECT_EQ(map.columnsInCategory("contact"),
              (std::vector<ColumnInfo>{{"accounts", "email"}, {"accounts", "phone"}}));
    EXPECT_TRUE(map.columnsInCategory("biometrics").empty());
    EXPECT_EQ(map.categories(), (std::vector<std::string>{"contact", "health", "network"}));
    EXPECT_EQ(map.personalColumns().size(), 5u);
}

TEST(DataMap, CombinesRetentionPerTable) {
    const DataMap map = sampleMap();
    auto log = map.retentionFor("access_log");
    ASSERT_TRUE(log.has_value());
    EXPECT_EQ(log->minimum, days{183});  // the longest minimum
    EXPECT_EQ(log->maximum, days{365});  // the shortest maximum
    auto accounts = map.retentionFor("accounts");
    ASSERT_TRUE(accounts.has_value());
    EXPECT_EQ(accounts->maximum, days{365});
    EXPECT_FALSE(map.retentionFor("settings").has_value());
    EXPECT_FALSE(map.retentionFor("missing").has_value());
}

TEST(VideoproDataMap, KeepsOperationLogsAtLeastSixMonths) {
    const auto retention = videoproDataMap().retentionFor("network_operation_log");
    ASSERT_TRUE(retention.has_value());
    EXPECT_GE(retention->minimum, days{183});
    const auto* ip = videoproDataMap().column("network_operation_log", "client_ip");
    ASSERT_NE(ip, nullptr);
    ASSERT_TRUE(ip->isPersonal());
    EXPECT_EQ(ip->personal->category, "network operation log");
}

}  // namespace
}  // namespace vp::domain::privacy
