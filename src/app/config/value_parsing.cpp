#include "app/config/value_parsing.hpp"

#include <charconv>

namespace vp::app::config {
namespace {

using common::makeError;
using common::Status;

Status wrongType(const OptionSpec& spec, const std::string& origin, std::string_view got) {
    return makeError("config_type", origin + " must be " + std::string(typeName(spec)) + ", not " +
                                        std::string(got));
}

}  // namespace

Status assignInteger(const OptionSpec& spec, Settings& settings, std::int64_t value,
                     const std::string& origin) {
    auto* field = std::get_if<std::int64_t Settings::*>(&spec.field);
    if (field == nullptr) {
        return wrongType(spec, origin, "an integer");
    }
    if (value < spec.range.min || value > spec.range.max) {
        return makeError("config_range", origin + " must be between " +
                                             std::to_string(spec.range.min) + " and " +
                                             std::to_string(spec.range.max) + " (got " +
                                             std::to_string(value) + ")");
    }
    settings.*(*field) = value;
    return {};
}

Status assignBoolean(const OptionSpec& spec, Settings& settings, bool value,
                     const std::string& origin) {
    auto* field = std::get_if<bool Settings::*>(&spec.field);
    if (field == nullptr) {
        return wrongType(spec, origin, "a boolean");
    }
    settings.*(*field) = value;
    return {};
}

Status assignString(const OptionSpec& spec, Settings& settings, std::string value,
                    const std::string& origin) {
    auto* field = std::get_if<std::string Settings::*>(&spec.field);
    if (field == nullptr) {
        return wrongType(spec, origin, "a string");
    }
    if (value.find('\0') != std::string::npos) {
        return makeError("config_value", origin + " must not contain NUL characters");
    }
    settings.*(*field) = std::move(value);
    return {};
}

Status assignText(const OptionSpec& spec, Settings& settings, std::string_view text,
                  const std::string& origin) {
    switch (spec.field.index()) {
        case 0:
            return assignString(spec, settings, std::string(text), origin);
        case 1: {
            std::int64_t value = 0;
            const auto* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || ec != std::errc{} || ptr != end) {
                return makeError("config_type",
                                 origin + " must be an integer (got '" + std::string(text) + "')");
            }
            return assignInteger(spec, settings, value, origin);
        }
        default: {
            if (text == "true" || text == "1" || text == "yes" || text == "on") {
                return assignBoolean(spec, settings, true, origin);
            }
            if (text == "false" || text == "0" || text == "no" || text == "off") {
                return assignBoolean(spec, settings, false, origin);
            }
            return makeError("config_type",
                             origin + " must be true or false (got '" + std::string(text) + "')");
        }
    }
}

std::string defaultText(const OptionSpec& spec) {
    static const Settings defaults;
    switch (spec.field.index()) {
        case 0: {
            const std::string& v = defaults.*std::get<0>(spec.field);
            return v.empty() ? "(none)" : v;
        }
        case 1:
            return std::to_string(defaults.*std::get<1>(spec.field));
        default:
            return (defaults.*std::get<2>(spec.field)) ? "true" : "false";
    }
}

}  // namespace vp::app::config
