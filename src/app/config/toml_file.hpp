#pragma once
// Reads a TOML configuration file and applies each of its keys to Settings.
#include <string>
#include <string_view>

#include "app/config/settings.hpp"
#include "common/result.hpp"

namespace vp::app::config {

// Applies every key of the TOML file at `path`. Stops at the first unreadable
// file, syntax error, unknown key, wrong type or out-of-range value.
common::Status applyTomlFile(const std::string& path, Settings& settings);

// The same for TOML text already in memory; `path` names it in messages.
common::Status applyTomlText(std::string_view content, const std::string& path, Settings& settings);

}  // namespace vp::app::config
