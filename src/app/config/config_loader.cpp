#include "app/config/config_loader.hpp"

#include <unistd.h>

#include <algorithm>

#include "app/config/option_table.hpp"
#include "app/config/toml_file.hpp"
#include "app/config/value_parsing.hpp"
#include "common/log.hpp"

extern char** environ;  // NOLINT

namespace vp::app::config {
namespace {

using common::makeError;
using common::Result;
using common::Status;

const OptionSpec* findByFlag(std::string_view flag) {
    for (const OptionSpec& spec : optionTable()) {
        if (spec.flag == flag) {
            return &spec;
        }
    }
    return nullptr;
}

// --config is read before everything else: the file is the lowest layer.
struct FirstPass {
    std::string configFile;
    bool help = false;
};

Result<FirstPass> scanForConfigAndHelp(std::span<const std::string> args, const Environment& env) {
    FirstPass pass;
    if (auto it = env.vars.find("VIDEOPRO_CONFIG"); it != env.vars.end()) {
        pass.configFile = it->second;
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            pass.help = true;
        } else if (a == "--config") {
            if (i + 1 >= args.size()) {
                return makeError("config_flag", "flag --config needs a file path");
            }
            pass.configFile = args[++i];
        } else if (a.starts_with("--config=")) {
            pass.configFile = a.substr(9);
        }
    }
    return pass;
}

Status applyEnvironment(const Environment& env, Settings& settings) {
    for (const OptionSpec& spec : optionTable()) {
        auto it = env.vars.find(spec.env);
        if (it != env.vars.end()) {
            if (Status s = assignText(spec, settings, it->second,
                                      "environment variable " + std::string(spec.env));
                !s) {
                return s;
            }
        }
    }
    return {};
}

Status applyFlags(std::span<const std::string> args, Settings& settings) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            continue;
        }
        if (arg == "--config") {
            ++i;
            continue;
        }
        if (arg.starts_with("--config=")) {
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        const OptionSpec* spec = arg.starts_with("--") ? findByFlag(name) : nullptr;
        if (spec == nullptr) {
            return makeError("config_unknown_flag",
                             "unknown option '" + name + "' (see `videopro serve --help`)");
        }
        const std::string origin = "flag " + name;
        if (eq != std::string::npos) {
            if (Status s = assignText(*spec, settings, arg.substr(eq + 1), origin); !s) {
                return s;
            }
        } else if (std::holds_alternative<bool Settings::*>(spec->field)) {
            if (Status s = assignBoolean(*spec, settings, true, origin); !s) {
                return s;
            }
        } else {
            if (i + 1 >= args.size()) {
                return makeError("config_flag", origin + " needs a value");
            }
            if (Status s = assignText(*spec, settings, args[++i], origin); !s) {
                return s;
            }
        }
    }
    return {};
}

Status validate(const Settings& s) {
    common::LogLevel level{};
    if (!common::parseLogLevel(s.logLevel, level)) {
        return makeError("config_value",
                         "log.level must be debug, info, warn or error (got '" + s.logLevel + "')");
    }
    if (s.tlsCertFile.empty() != s.tlsKeyFile.empty()) {
        return makeError("config_value",
                         "tls.cert_file and tls.key_file go together: set both or neither");
    }
    if (s.selfSigned && !s.tlsCertFile.empty()) {
        return makeError("config_value",
                         "tls.self_signed and tls.cert_file exclude each other: choose one");
    }
    if (s.outboxTransport != "dev" && s.outboxTransport != "smtp") {
        return makeError("config_value",
                         "outbox.transport must be dev or smtp (got '" + s.outboxTransport + "')");
    }
    if (s.outboxTransport == "smtp" && (s.smtpUrl.empty() || s.smtpFrom.empty())) {
        return makeError("config_value", "outbox.transport = smtp needs smtp.url and smtp.from");
    }
    if (!s.publicUrl.empty() && !s.publicUrl.starts_with("http://") &&
        !s.publicUrl.starts_with("https://")) {
        return makeError("config_value", "http.public_url must start with http:// or https://");
    }
    if (s.dataDir.empty()) {
        return makeError("config_value", "data.dir must not be empty");
    }
    const bool regionPrintable =
        std::all_of(s.storageRegion.begin(), s.storageRegion.end(),
                    [](char ch) { return static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f; });
    if (s.storageRegion.empty() || s.storageRegion.size() > 100 || !regionPrintable) {
        return makeError("config_value",
                         "privacy.storage_region must be 1 to 100 printable characters");
    }
    return {};
}

}  // namespace

Environment Environment::fromProcess() {
    Environment env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string_view entry(*e);
        if (!entry.starts_with("VIDEOPRO_")) {
            continue;
        }
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos) {
            env.vars.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
        }
    }
    return env;
}

Result<LoadOutcome> loadSettings(std::span<const std::string> args, const Environment& env) {
    auto first = scanForConfigAndHelp(args, env);
    if (!first) {
        return first.error();
    }
    LoadOutcome out;
    out.helpRequested = first->help;
    if (out.helpRequested) {
        return out;
    }
    if (!first->configFile.empty()) {
        if (Status s = applyTomlFile(first->configFile, out.settings); !s) {
            return s.error();
        }
    }
    if (Status s = applyEnvironment(env, out.settings); !s) {
        return s.error();
    }
    if (Status s = applyFlags(args, out.settings); !s) {
        return s.error();
    }
    if (Status s = validate(out.settings); !s) {
        return s.error();
    }
    return out;
}

std::string renderHelp(std::string_view command, std::string_view summary) {
    std::string out = "Usage: videopro " + std::string(command) + " [options]\n\n";
    out += summary;
    out +=
        "\n\nEach option can be set, in rising order of precedence, as a key in a TOML file\n"
        "(--config FILE or VIDEOPRO_CONFIG), as an environment variable, or as a flag.\n"
        "Boolean flags may be given alone (--self-signed) or with =true/=false.\n\n"
        "  --config FILE\n      TOML configuration file. [env VIDEOPRO_CONFIG]\n";
    for (const OptionSpec& spec : optionTable()) {
        out += "  ";
        out += spec.flag;
        out += std::holds_alternative<bool Settings::*>(spec.field) ? "" : " VALUE";
        out += "\n      ";
        out += spec.help;
        out += "\n      [";
        out += typeName(spec);
        out += ", default: " + defaultText(spec) + "; env " + std::string(spec.env) + "; key " +
               std::string(spec.key) + "]\n";
    }
    out += "  --help\n      Show this help.\n";
    return out;
}

}  // namespace vp::app::config
