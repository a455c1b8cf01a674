#pragma once
// What the `videopro admin` task files share: their own options apart from the
// settings options, the database the settings name, and the messages of a refusal.
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/config/settings.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace vp::app::commands {

// Who the audit log and the request histories name for command-line actions.
inline constexpr const char* kCliOperator = "operator:cli";

// The task's --key value options, its flags, a positional argument right after the
// task (an id); the rest are settings options (with their values) for loadSettings.
struct TaskArgs {
    std::map<std::string, std::string, std::less<>> values;  // keys without "--"
    std::vector<std::string> flags;                          // names without "--"
    std::optional<std::string> positional;
    std::vector<std::string> rest;

    std::optional<std::string> get(std::string_view key) const;
    std::string value(std::string_view key) const { return get(key).value_or(""); }
    bool flag(std::string_view name) const;
};

// `valueKeys` and `flagNames` are spelled with "--". A positional argument is taken
// only in first place, so that a settings flag's value is never read as one.
// Prints the problem and returns nullopt when a value is missing.
std::optional<TaskArgs> parseTaskArgs(std::span<const std::string> args,
                                      std::span<const std::string_view> valueKeys,
                                      std::span<const std::string_view> flagNames = {});

struct AdminDatabase {
    config::Settings settings;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Connection> connection;
};

// Loads the settings from `rest`, opens and migrates their database and connects;
// prints the problem and returns nullopt otherwise.
std::optional<AdminDatabase> openAdminDatabase(const std::vector<std::string>& rest);

// "videopro admin: <message>" on stderr; return 2 (usage) or 1 (refused or failed).
int adminUsage(const std::string& message);
int adminFailed(const common::Error& e);

// A positive id in decimal, or nullopt.
std::optional<std::int64_t> parsePositiveId(const std::optional<std::string>& text);

}  // namespace vp::app::commands
