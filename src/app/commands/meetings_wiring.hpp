#pragma once
// The meetings at run time (R-MEET-1/2/5/6): the meetings key (a 32-byte file,
// <data.dir>/keys/meetings.key, made on first start, mode 0600) from which the
// passcode and join-token keys are derived, the Meetings service and its HTTP
// routes. Built from Settings; holds no logic of its own.
#include <memory>

#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "services/accounts/accounts.hpp"
#include "services/meetings/meetings.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

class MeetingsRuntime {
  public:
    static common::Result<std::unique_ptr<MeetingsRuntime>> create(
        const config::Settings& settings, storage::DbPool& pool,
        services::accounts::Accounts& accounts, const common::Clock& clock);
    ~MeetingsRuntime();

    // The /api/v1/meetings routes.
    void addRoutes(api::Router& router);
    // For the room runtime: join-token verification and attendance.
    services::meetings::Meetings& meetings();

    struct Parts;

  private:
    explicit MeetingsRuntime(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

}  // namespace vp::app::commands
