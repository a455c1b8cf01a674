#pragma once
// An in-process HttpServer with the accounts routes over a real database (SQLite or
// the fixture's PostgreSQL) and a FakeClock, so that tests can move time.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "api/http_server.hpp"
#include "api/raw_client.hpp"
#include "api/router.hpp"
#include "common/clock.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/guardian_consents.hpp"
#include "services/accounts/operators.hpp"
#include "services/codes/code_hasher.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/outbox/outbox.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"
#include "storage/db_pool.hpp"
#include "storage/test_database.hpp"

namespace vp::api::v1::testing {

using api::testing::HttpReply;

// The reply's JSON object (empty when the body is not one).
boost::json::object parse(const HttpReply& reply);
// The stable code of a JSON error reply ({"error":{"code":…}}), or "".
std::string errorCode(const HttpReply& reply);

// The request's own origin as the test client addresses the server (Host: 127.0.0.1).
inline constexpr std::string_view kOrigin = "http://127.0.0.1";

class AccountsApiTest : public storage::testing::BackendTest {
  protected:
    void SetUp() override;
    void TearDown() override;

    // Set before SetUp() runs the server (in the test's constructor).
    std::string publicUrl_;
    // More routes for a derived fixture, added before the server starts.
    virtual void addMoreRoutes(Router&) {}

    struct Call {
        Call() : Call(std::string{}) {}
        Call(std::string sessionCookie, std::string csrfToken = {},
             std::optional<std::string> originHeader = std::string(kOrigin))
            : cookie(std::move(sessionCookie)),
              csrf(std::move(csrfToken)),
              origin(std::move(originHeader)) {}
        static Call from(std::optional<std::string> originHeader) {
            return Call({}, {}, std::move(originHeader));
        }

        std::string cookie;                 // vp_session value to send ("" none)
        std::string csrf;                   // X-CSRF-Token ("" none)
        std::optional<std::string> origin;  // nullopt: no Origin header
        std::string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";
    };
    HttpReply call(std::string_view method, std::string_view path, std::string_view body,
                   const Call& how);
    HttpReply call(std::string_view method, std::string_view path) {
        return call(method, path, {}, Call());
    }
    HttpReply post(std::string_view path, std::string_view body) {
        return call("POST", path, body, Call());
    }
    HttpReply post(std::string_view path, std::string_view body, const Call& how) {
        return call("POST", path, body, how);
    }

    // The newest code sent to `target` (read from the outbox table).
    std::string latestCode(const std::string& target);
    std::int64_t messagesTo(const std::string& target);
    // Requests a code and registers; returns the session cookie value.
    std::string registerUser(const std::string& email, const std::string& password = {},
                             int birthYear = 1990);
    // Signs in by password; returns the session cookie value ("" on failure).
    std::string login(const std::string& email, const std::string& password);
    // The CSRF token of a session (GET /api/v1/me).
    std::string csrfOf(const std::string& cookie);

    // A registered, signed-in user: his session, CSRF token and account id.
    struct SignedUp {
        std::string email;
        std::string cookie;
        std::string csrf;
        std::int64_t id = 0;
        Call call() const { return Call(cookie, csrf); }
    };
    SignedUp signUp(const std::string& email,
                    const std::string& password = "correct horse battery");

    static std::string cookieValue(const HttpReply& reply);

    common::FakeClock clock_;
    std::unique_ptr<storage::DbPool> pool_;
    std::optional<services::codes::CodeHasher> hasher_;
    std::unique_ptr<services::outbox::Outbox> outbox_;
    std::unique_ptr<services::codes::OneTimeCodes> codes_;
    std::optional<services::accounts::PasswordHasher> passwords_;
    std::unique_ptr<services::accounts::Accounts> accounts_;
    // Guardian consent (R-MINOR-1) and operators; the operator console reads
    // devOutbox_ (a temporary folder).
    std::unique_ptr<services::privacy::PolicyStore> policies_;
    std::unique_ptr<services::privacy::ConsentLedger> ledger_;
    std::unique_ptr<services::accounts::GuardianConsents> guardians_;
    std::unique_ptr<services::accounts::Operators> operators_;
    std::filesystem::path devOutbox_;
    Router router_;
    std::unique_ptr<HttpServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace vp::api::v1::testing
