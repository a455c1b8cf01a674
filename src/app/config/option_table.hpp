#pragma once
// The option table: one row per setting, naming it in each of its three sources
// (TOML key, environment variable, command-line flag), with its type, bounds and
// help. Loading, validation and --help are all driven by this table.
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

#include "app/config/settings.hpp"

namespace vp::app::config {

struct IntRange {
    std::int64_t min;
    std::int64_t max;
};

struct OptionSpec {
    std::string_view key;   // TOML: section.name
    std::string_view flag;  // --flag
    std::string_view env;   // VIDEOPRO_...
    std::variant<std::string Settings::*, std::int64_t Settings::*, bool Settings::*> field;
    IntRange range;  // for integers only
    std::string_view help;
};

std::span<const OptionSpec> optionTable();

std::string_view typeName(const OptionSpec& spec);

}  // namespace vp::app::config
