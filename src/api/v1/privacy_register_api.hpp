#pragma once
// The privacy center's public registers (R-PRIV-8, R-PRIV-9, R-PRIV-10):
//   GET /api/v1/privacy/recipients  the storage region and the register of recipients
//   GET /api/v1/privacy/incidents   published security incidents, newest first
// Public (no session): they are part of the policy page and the announcement page.
// Operators keep both with `videopro admin recipients …` and `videopro admin incident …`.
#include <string>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/recipients_register.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

struct PrivacyRegisterServices {
    const services::privacy::RecipientsRegister& recipients;
    const services::privacy::Incidents& incidents;
    std::string storageRegion;  // privacy.storage_region
};

// `pool`, `accounts` and the services must outlive the router.
void addPrivacyRegisterRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              PrivacyRegisterServices services, AccountsApiOptions options);

}  // namespace vp::api::v1
