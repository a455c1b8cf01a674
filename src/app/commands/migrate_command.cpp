#include <cstdio>

#include "app/commands/commands.hpp"
#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"

namespace vp::app::commands {

int migrate(std::span<const std::string> args) {
    auto loaded = config::loadSettings(args, config::Environment::fromProcess());
    if (!loaded) {
        std::fprintf(stderr, "videopro migrate: %s\n", loaded.error().message.c_str());
        return 2;
    }
    if (loaded->helpRequested) {
        std::fputs(config::renderHelp("migrate", "Apply every pending database migration and exit.")
                       .c_str(),
                   stdout);
        return 0;
    }
    auto db = openAndMigrate(loaded->settings);
    if (!db) {
        std::fprintf(stderr, "videopro migrate: %s\n", db.error().message.c_str());
        return 1;
    }
    auto version = (*db)->schemaVersion();
    std::printf("Database %s is at schema version %d.\n", (*db)->description().c_str(),
                version.valueOr(-1));
    return 0;
}

}  // namespace vp::app::commands
