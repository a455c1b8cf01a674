#define TOML_EXCEPTIONS 0
#include "app/config/toml_file.hpp"

#include <toml++/toml.h>
#include <cerrno>
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

// Debian's toml++ 3.3 reaches an unreachable branch (undefined behaviour) on
// code points U+FB26..U+FEFE (found by fuzz_config). No configuration needs
// them, so they are refused before parsing.
Status refuseCharactersTheParserMishandles(std::string_view text, const std::string& path) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 == '\n') {
            ++line;
        }
        if (b0 != 0xEF || i + 2 >= text.size()) {
            continue;
        }
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        if ((b1 & 0xC0u) == 0x80u && (b2 & 0xC0u) == 0x80u && cp >= 0xFB26 && cp <= 0xFEFE) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%04X", cp);
            return makeError("config_syntax", path + ":" + std::to_string(line) +
                                                  ": unsupported character U+" + hex +
                                                  "; remove it from the file");
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
    if (Status s = refuseCharactersTheParserMishandles(content, path); !s) {
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
