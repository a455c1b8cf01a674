#pragma once
// Wiring shared by the subcommands: opening the database named by the settings,
// and translating Settings into the options of each component.
#include <memory>

#include "api/server_options.hpp"
#include "app/config/settings.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace vp::app::commands {

// Creates the data folder, opens the database and applies migrations.
common::Result<std::unique_ptr<storage::Database>> openAndMigrate(const config::Settings& s);

api::ServerOptions serverOptions(const config::Settings& s);

}  // namespace vp::app::commands
