#pragma once
// Loads Settings from, in rising order of precedence: the embedded defaults, a
// TOML file (--config FILE or VIDEOPRO_CONFIG), VIDEOPRO_* environment variables,
// and command-line flags. Any unknown key, wrong type, value out of range or
// unreadable file is an error that names the key and where it came from.
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "app/config/settings.hpp"
#include "common/result.hpp"

namespace vp::app::config {

struct Environment {
    std::map<std::string, std::string, std::less<>> vars;
    static Environment fromProcess();
};

struct LoadOutcome {
    Settings settings;
    bool helpRequested = false;
};

common::Result<LoadOutcome> loadSettings(std::span<const std::string> args, const Environment& env);

// The --help text of a subcommand that takes these settings: every option with
// its flag, environment variable, TOML key, type and default.
std::string renderHelp(std::string_view command, std::string_view summary);

}  // namespace vp::app::config
