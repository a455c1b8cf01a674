// Every /api/ route of the server is in docs/api/openapi.json (served at
// /api/openapi.json), and every operation of the document is a route of the server.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <set>
#include <utility>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "api/v1/enterprises_api.hpp"
#include "api/v1/meetings_api.hpp"
#include "api/v1/minors_operator_api.hpp"
#include "api/v1/openapi.hpp"
#include "api/v1/operator_privacy_api.hpp"
#include "api/v1/privacy_api.hpp"
#include "api/v1/privacy_register_api.hpp"
#include "api/v1/profile_api.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/accounts/accounts.hpp"
#include "services/codes/code_hasher.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/outbox/outbox.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {
namespace {

using RouteSet = std::set<std::pair<std::string, std::string>>;

// The routes `videopro serve` registers under /api/ (app/commands/accounts_wiring.cpp,
// with guardian and operator routes, app/commands/meetings_wiring.cpp,
// app/commands/privacy_wiring.cpp, app/commands/enterprises_wiring.cpp,
// app/commands/profile_wiring.cpp).
RouteSet serverRoutes() {
    common::FakeClock clock;
    auto& random = common::SecureRandom::instance();
    std::array<std::uint8_t, 32> key{};
    auto hasher = services::codes::CodeHasher::fromKey(key);
    EXPECT_TRUE(hasher);
    services::outbox::Outbox outbox({}, clock);
    services::codes::OneTimeCodes codes({}, *hasher, outbox, clock, random);
    auto passwords = services::accounts::PasswordHasher::create();
    EXPECT_TRUE(passwords);
    services::accounts::Accounts accounts({}, codes, *passwords, clock, random);
    storage::DbPool pool(
        [] {
            return common::Result<std::unique_ptr<storage::Connection>>(
                common::makeError("test", "no database in this test"));
        },
        {1, 1});
    Router router;
    addAccountsRoutes(router, pool, accounts, {});
    std::array<std::uint8_t, 32> meetingKey{};
    auto passcodes = services::meetings::PasscodeHasher::fromMasterKey(meetingKey);
    auto tokens = services::meetings::JoinTokenSigner::fromMasterKey(meetingKey);
    EXPECT_TRUE(passcodes && tokens);
    services::meetings::Meetings meetings({}, *passcodes, *tokens, clock, random);
    addMeetingsRoutes(router, pool, accounts, meetings, {});
    services::privacy::PolicyStore policies(clock);
    services::privacy::ConsentLedger ledger(policies, clock);
    services::privacy::ConsentGate gate(policies, ledger);
    addPrivacyRoutes(router, pool, accounts, {policies, ledger, gate, "CN"}, {});
    services::accounts::GuardianConsents guardians({}, codes, policies, ledger, clock, random);
    addGuardianRoutes(router, pool, accounts, guardians, {});
    services::accounts::Operators operators(clock);
    addOperatorRoutes(router, pool, accounts, operators, {}, {});
    services::privacy::AuditLog audit(clock);
    services::privacy::DataExports exports(pool, domain::privacy::videoproDataMap(),
                                           domain::privacy::videoproSubjectPaths(), audit, clock,
                                           random, {});
    auto pseudonyms = services::privacy::Pseudonymiser::fromKey(key);
    EXPECT_TRUE(pseudonyms);
    services::privacy::AccountCancellation cancellation(
        domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
        domain::privacy::videoproCancellationRules(), *pseudonyms, audit);
    services::privacy::PrivacyRequests requests({}, clock, random);
    addPrivacyDataRoutes(router, pool, accounts, {exports, cancellation, requests}, {});
    services::enterprises::Enterprises enterprises({}, codes, outbox, accounts, clock);
    addEnterprisesRoutes(router, pool, accounts, enterprises, {});
    services::privacy::RecipientsRegister recipients(domain::privacy::videoproDataMap(), clock);
    services::privacy::Incidents incidents(domain::privacy::videoproDataMap(),
                                           domain::privacy::videoproSubjectPaths(), outbox, {},
                                           clock);
    addPrivacyRegisterRoutes(router, pool, accounts, {recipients, incidents, "local"}, {});
    services::profile::Profiles profiles({}, audit, clock);
    services::profile::ContactChanges contacts(codes, audit);
    addProfileRoutes(router, pool, accounts, profiles, contacts, {});
    services::privacy::CategoryErasure erasure(domain::privacy::videoproSubjectPaths(), requests,
                                               audit);
    addPrivacyDeletionRoutes(router, pool, accounts, erasure, {});
    addOperatorPrivacyRoutes(
        router, pool, accounts,
        {operators, requests, cancellation, erasure, incidents, recipients, policies, audit}, {});
    addOpenApiRoute(router);
    RouteSet out;
    for (const auto& r : router.routes()) {
        if (r.pattern.starts_with("/api/")) {
            out.emplace(r.method, r.pattern);
        }
    }
    return out;
}

RouteSet documentedRoutes() {
    RouteSet out;
    const auto doc = boost::json::parse(openApiDocument()).as_object();
    for (const auto& [path, item] : doc.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            std::string upper(method);
            for (char& c : upper) {
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            out.emplace(upper, std::string(path));
        }
    }
    return out;
}

TEST(OpenApiRoutesTest, DocumentAndRouterNameTheSameRoutes) {
    const auto server = serverRoutes();
    const auto documented = documentedRoutes();
    for (const auto& [method, path] : server) {
        EXPECT_TRUE(documented.count({method, path}))
            << method << " " << path << " is served but missing from docs/api/openapi.json";
    }
    for (const auto& [method, path] : documented) {
        EXPECT_TRUE(server.count({method, path}))
            << method << " " << path << " is documented but not served";
    }
    EXPECT_GE(server.size(), 10u);
}

TEST(OpenApiRoutesTest, DocumentIsOpenApi3WithTheErrorShape) {
    const auto doc = boost::json::parse(openApiDocument()).as_object();
    EXPECT_TRUE(std::string(doc.at("openapi").as_string()).starts_with("3."));
    const auto& error = doc.at("components").at("schemas").at("Error").as_object();
    EXPECT_TRUE(error.at("properties").as_object().contains("error"));
    // Every operation documents at least one response with a JSON schema or none.
    for (const auto& [path, item] : doc.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            EXPECT_TRUE(operation.as_object().contains("responses")) << method << " " << path;
        }
    }
}

}  // namespace
}  // namespace vp::api::v1
