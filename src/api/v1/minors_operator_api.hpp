#pragma once
// Guardian consent (R-MINOR-1) and the operator console's HTTP API:
//   POST /api/v1/guardian/confirm  {request, code}  the guardian's confirmation
//   POST /api/v1/guardian/resend   {request}        a new code to the guardian
//   GET  /api/v1/operator/outbox?limit=N            the development outbox, newest first
// Operator routes answer 401 without a session and 403 for anyone who is not an
// operator, checked on the server for every request.
#include <filesystem>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/guardian_consents.hpp"
#include "services/accounts/operators.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

// `pool`, `accounts` and `guardians` must outlive the router.
void addGuardianRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts,
                       const services::accounts::GuardianConsents& guardians,
                       AccountsApiOptions options);

struct OperatorApiOptions {
    // The development transport's folder (<data-dir>/outbox); empty when the
    // deployment sends real mail (the page then says so).
    std::filesystem::path devOutboxFolder;
};

void addOperatorRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts,
                       const services::accounts::Operators& operators,
                       OperatorApiOptions operatorOptions, AccountsApiOptions options);

}  // namespace vp::api::v1
