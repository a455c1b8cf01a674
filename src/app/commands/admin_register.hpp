#pragma once
// videopro admin tasks of the privacy center's registers (R-PRIV-8, R-PRIV-9):
//   admin recipients add --name N --contact C --purpose P --categories "a,b" --legal-basis B
//   admin recipients list | remove ID
//   admin incident record --summary S --categories "a,b" --from T --to T --measures M
//                         --advice A [--unpublished]
//   admin incident list
#include <span>
#include <string>

namespace vp::app::commands {

// `args` follow "recipients" / "incident"; exit codes 0 ok, 1 refused or failed, 2 usage.
int adminRecipients(std::span<const std::string> args);
int adminIncident(std::span<const std::string> args);

}  // namespace vp::app::commands
