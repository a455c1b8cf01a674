#define TOML_EXCEPTIONS 0
#include "app/config/toml_file.hpp"

#include <toml++/toml.h>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/config/option_table.hpp"
#include "app/config/value_parsing.hpp"

namespace vp::app::config {
namespace {

using common::makeError;
using common::Status;

constexpr std::size_t kMaxConfigBytes = 1024 * 1024;

const OptionSpec* findByKey(std::string_view key) {
    for (const OptionSpec& spec : optionTable()) {
        if (spec.key == key) {
            return &spec;
        }
    }
    return nullptr;
}

std::string nodeKind(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        default:
            return "a date/time";
    }
}

Status applyNode(const std::string& key, const toml::node& node, const std::string& path,
                 Settings& settings) {
    if (const auto* table = node.as_table()) {
        for (const auto& [childKey, child] : *table) {
            const std::string full =
                key.empty() ? std::string(childKey.str()) : key + "." + std::string(childKey.str());
            if (Status s = applyNode(full, child, path, settings); !s) {
                return s;
            }
        }
        return {};
    }
    const std::string origin = "key '" + key + "' in " + path;
    const OptionSpec* spec = findByKey(key);
    if (spec == nullptr) {
        return makeError("config_unknown_key",
                         "unknown " + origin + " (see `videopro serve --help` for every key)");
    }
    if (const auto* v = node.as_integer()) {
        return assignInteger(*spec, settings, v->get(), origin);
    }
    if (const auto* v = node.as_boolean()) {
        return assignBoolean(*spec, settings, v->get(), origin);
    }
    if (const auto* v = node.as_string()) {
        return assignString(*spec, settings, v->get(), origin);
    }
    return makeError("config_type", origin + " must be " + std::string(typeName(*spec)) + ", not " +
                                        nodeKind(node));
}

// Debian's toml++ 3.3 reaches an unreachable branch (undefined behaviour) when its
// whitespace test meets one of these code points (found by fuzz_config; the ranges
// are the gaps of is_non_ascii_horizontal_whitespace's lookup table). They are
// refused before parsing; inside quoted strings a \\uXXXX escape works instead.
bool mishandledByTomlReader(std::uint32_t cp) {
    return (cp >= 0xA1 && cp <= 0x499) || (cp >= 0x2C5E && cp <= 0x3057 && cp != 0x3000) ||
           (cp >= 0xFB26 && cp <= 0xFEFE);
}

Status refuseMishandledCharacters(std::string_view text, const std::string& path) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 == '\n') {
            ++line;
            continue;
        }
        std::uint32_t cp = 0;
        if ((b0 & 0xE0u) == 0xC0u && i + 1 < text.size()) {
            cp = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
        } else if ((b0 & 0xF0u) == 0xE0u && i + 2 < text.size()) {
            cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
        }
        if (mishandledByTomlReader(cp)) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            return makeError("config_syntax",
                             path + ":" + std::to_string(line) + ": the character " + hex +
                                 " is not supported in configuration files; inside a quoted "
                                 "string write it as \\u" +
                                 std::string(hex + 2) + " instead");
        }
    }
    return {};
}

}  // namespace

Status applyTomlFile(const std::string& path, Settings& settings) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return makeError("config_unreadable",
                         "cannot read config file " + path + ": " + std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return makeError("config_unreadable", "cannot read config file " + path);
    }
    if (Status s = applyTomlText(text.str(), path, settings); !s) {
        return s;
    }
    settings.configFile = path;
    return {};
}

Status applyTomlText(std::string_view content, const std::string& path, Settings& settings) {
    if (content.size() > kMaxConfigBytes) {
        return makeError("config_too_large", "config file " + path + " is larger than 1 MiB");
    }
    if (Status s = refuseMishandledCharacters(content, path); !s) {
        return s;
    }
    toml::parse_result parsed = toml::parse(content, path);
    if (!parsed) {
        const auto& err = parsed.error();
        std::ostringstream msg;
        msg << path << ":" << err.source().begin.line << ":" << err.source().begin.column << ": "
            << err.description();
        return makeError("config_syntax", msg.str());
    }
    return applyNode("", parsed.table(), path, settings);
}

}  // namespace vp::app::config
