#pragma once
// videopro admin tasks of the privacy center:
//   admin account cancel --user N --reason TEXT   (a request received by email, R-PRIV-5)
//   admin requests list                           (open requests, earliest due first)
//   admin requests verify ID | answer ID --text T | refuse ID --text T   (R-PRIV-6)
#include <span>
#include <string>

namespace vp::app::commands {

// `args` follow "account" / "requests"; exit codes 0 ok, 1 refused or failed, 2 usage.
int adminAccount(std::span<const std::string> args);
int adminRequests(std::span<const std::string> args);

}  // namespace vp::app::commands
