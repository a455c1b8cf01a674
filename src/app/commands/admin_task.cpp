#include "app/commands/admin_task.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"

namespace vp::app::commands {

std::optional<std::string> TaskArgs::get(std::string_view key) const {
    auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

bool TaskArgs::flag(std::string_view name) const {
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<TaskArgs> parseTaskArgs(std::span<const std::string> args,
                                      std::span<const std::string_view> valueKeys,
                                      std::span<const std::string_view> flagNames) {
    TaskArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (std::find(valueKeys.begin(), valueKeys.end(), a) != valueKeys.end()) {
            if (i + 1 >= args.size()) {
                adminUsage(a + " needs a value");
                return std::nullopt;
            }
            out.values[a.substr(2)] = args[++i];
        } else if (std::find(flagNames.begin(), flagNames.end(), a) != flagNames.end()) {
            out.flags.push_back(a.substr(2));
        } else if (i == 0 && !a.starts_with("-")) {
            out.positional = a;
        } else {
            out.rest.push_back(a);
        }
    }
    return out;
}

std::optional<AdminDatabase> openAdminDatabase(const std::vector<std::string>& rest) {
    auto loaded = config::loadSettings(rest, config::Environment::fromProcess());
    if (!loaded || loaded->helpRequested) {
        adminUsage(loaded ? "see videopro admin --help" : loaded.error().message);
        return std::nullopt;
    }
    auto db = openAndMigrate(loaded->settings);
    if (!db) {
        adminFailed(db.error());
        return std::nullopt;
    }
    auto connection = (*db)->connect();
    if (!connection) {
        adminFailed(connection.error());
        return std::nullopt;
    }
    return AdminDatabase{loaded->settings, std::move(*db), std::move(*connection)};
}

int adminUsage(const std::string& message) {
    std::fprintf(stderr, "videopro admin: %s\n", message.c_str());
    return 2;
}

int adminFailed(const common::Error& e) {
    std::fprintf(stderr, "videopro admin: %s (%s)\n", e.message.c_str(), e.code.c_str());
    return 1;
}

std::optional<std::int64_t> parsePositiveId(const std::optional<std::string>& text) {
    std::int64_t id = 0;
    if (!text) {
        return std::nullopt;
    }
    const auto r = std::from_chars(text->data(), text->data() + text->size(), id);
    if (r.ec != std::errc{} || r.ptr != text->data() + text->size() || id <= 0) {
        return std::nullopt;
    }
    return id;
}

}  // namespace vp::app::commands
