// videopro: serve | migrate | admin | version
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands/commands.hpp"

namespace {

constexpr std::string_view kUsage =
    "Usage: videopro <command> [options]\n\n"
    "Commands:\n"
    "  serve     Run the service: web client, API, signalling and media.\n"
    "  migrate   Apply database migrations and exit.\n"
    "  admin     Operator tasks: policy publish, audit verify, create-operator.\n"
    "  version   Print the version and exit.\n\n"
    "`videopro <command> --help` lists the options of a command.\n";

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
        std::fputs(kUsage.data(), all.empty() ? stderr : stdout);
        return all.empty() ? 2 : 0;
    }
    const std::string& command = all[0];
    const std::span<const std::string> args(all.data() + 1, all.size() - 1);
    if (command == "serve") {
        return vp::app::commands::serve(args);
    }
    if (command == "migrate") {
        return vp::app::commands::migrate(args);
    }
    if (command == "admin") {
        return vp::app::commands::admin(args);
    }
    if (command == "version" || command == "--version") {
        std::printf("videopro %s\n", VIDEOPRO_VERSION);
        return 0;
    }
    std::fprintf(stderr, "videopro: unknown command '%s'\n\n%s", command.c_str(), kUsage.data());
    return 2;
}
