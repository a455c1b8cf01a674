#pragma once
// The subcommands of `videopro`. Each returns the process exit code.
#include <span>
#include <string>

namespace vp::app::commands {

int serve(std::span<const std::string> args);
int migrate(std::span<const std::string> args);
int admin(std::span<const std::string> args);

}  // namespace vp::app::commands
