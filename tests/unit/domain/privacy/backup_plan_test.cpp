#include "domain/privacy/backup_plan.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

BackupTablePlan planFor(std::string_view table) {
    return backupTablePlan(videoproDataMap(), videoproSubjectPaths(), videoproCancellationRules(),
                           table);
}

TEST(BackupPlanTest, RowsDeletedAtCancellationHaveEveryPersonalColumnSealed) {
    const auto users = planFor("users");
    EXPECT_EQ(users.withoutKey, WithoutKey::DropRow);
    EXPECT_TRUE(users.isShredded("email"));
    EXPECT_TRUE(users.isShredded("password_hash"));
    EXPECT_FALSE(users.isShredded("id"));  // the row identifier other rows refer to
    const auto sessions = planFor("sessions");
    EXPECT_TRUE(sessions.isShredded("client_ip"));
    EXPECT_FALSE(sessions.isShredded("token_hash"));
}

TEST(BackupPlanTest, AttendanceIsAnonymisedAsCancellationDoes) {
    const auto stays = planFor("meeting_attendance");
    EXPECT_EQ(stays.withoutKey, WithoutKey::Anonymise);
    EXPECT_TRUE(stays.isShredded("user_id"));
    EXPECT_TRUE(stays.isPseudonym("display_name"));
    EXPECT_FALSE(stays.isShredded("joined_at"));
}

TEST(BackupPlanTest, KeptAndUnlinkableTablesAreNotSealed) {
    for (const char* table :
         {"consents", "audit_log", "network_operation_log", "meeting_sessions"}) {
        const auto plan = planFor(table);
        EXPECT_EQ(plan.withoutKey, WithoutKey::NotShredded) << table;
        EXPECT_TRUE(plan.shredded.empty()) << table;
    }
}

TEST(BackupPlanTest, TheKeysAndTheMigrationBookkeepingAreNeverBackedUp) {
    EXPECT_TRUE(excludedFromBackup("subject_keys"));
    EXPECT_TRUE(excludedFromBackup("schema_migrations"));
    EXPECT_FALSE(excludedFromBackup("users"));
}

}  // namespace
}  // namespace vp::domain::privacy
