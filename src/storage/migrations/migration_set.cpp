#include "storage/migrations/migration_set.hpp"

#include <algorithm>
#include <cctype>

#include "storage/migrations/embedded_migrations.hpp"

namespace vp::storage::migrations {
namespace {

constexpr std::size_t kVersionDigits = 4;
constexpr std::string_view kExtension = ".sql";

bool validName(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) != 0 ||
               std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_';
    });
}

common::Result<Migration> parseFile(const MigrationFile& file) {
    const std::string_view n = file.fileName;
    const bool shaped = n.size() > kVersionDigits + 1 + kExtension.size() &&
                        n[kVersionDigits] == '_' && n.ends_with(kExtension) &&
                        std::all_of(n.begin(), n.begin() + kVersionDigits, [](char c) {
                            return std::isdigit(static_cast<unsigned char>(c)) != 0;
                        });
    const std::string_view name =
        shaped ? n.substr(kVersionDigits + 1, n.size() - kVersionDigits - 1 - kExtension.size())
               : std::string_view{};
    if (!shaped || !validName(name)) {
        return common::makeError(
            "storage.migration_invalid",
            "migration file '" + file.fileName + "' must be named NNNN_lower_case_name.sql");
    }
    const int version = std::stoi(std::string(n.substr(0, kVersionDigits)));
    return Migration{version, std::string(name), file.sql};
}

}  // namespace

common::Result<std::vector<Migration>> orderMigrations(std::vector<MigrationFile> files) {
    std::vector<Migration> ordered;
    for (const auto& file : files) {
        auto migration = parseFile(file);
        if (!migration) {
            return migration.error();
        }
        ordered.push_back(std::move(*migration));
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        const int expected = static_cast<int>(i) + 1;
        if (ordered[i].version != expected) {
            const bool repeated = ordered[i].version < expected;
            return common::makeError(
                "storage.migration_invalid",
                "migration " + std::to_string(ordered[i].version) + "_" + ordered[i].name +
                    (repeated
                         ? " repeats an earlier version number"
                         : " leaves a gap: version " + std::to_string(expected) + " is missing"));
        }
    }
    return ordered;
}

common::Result<std::vector<Migration>> migrationsFor(Dialect dialect) {
    std::vector<MigrationFile> files;
    for (const auto& file : embeddedMigrationFiles()) {
        if (file.dialect == toString(dialect)) {
            files.push_back({std::string(file.fileName), file.sql});
        }
    }
    return orderMigrations(std::move(files));
}

}  // namespace vp::storage::migrations
