#pragma once
// Assigning one option's value, typed or from text, with bounds checked.
#include <cstdint>
#include <string>
#include <string_view>

#include "app/config/option_table.hpp"
#include "common/result.hpp"

namespace vp::app::config {

// `origin` names where the value came from, e.g. "key 'http.port' in /etc/videopro.toml"
// or "environment variable VIDEOPRO_HTTP_PORT" or "flag --http-port".
common::Status assignText(const OptionSpec& spec, Settings& settings, std::string_view text,
                          const std::string& origin);
common::Status assignInteger(const OptionSpec& spec, Settings& settings, std::int64_t value,
                             const std::string& origin);
common::Status assignBoolean(const OptionSpec& spec, Settings& settings, bool value,
                             const std::string& origin);
common::Status assignString(const OptionSpec& spec, Settings& settings, std::string value,
                            const std::string& origin);

// The default of an option rendered for --help.
std::string defaultText(const OptionSpec& spec);

}  // namespace vp::app::config
