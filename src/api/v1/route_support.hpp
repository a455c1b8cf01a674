#pragma once
// What the accounts handlers share: running work on the database pool, mapping
// service errors to HTTP answers, the CSRF check, and the session cookie.
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "common/result.hpp"
#include "domain/accounts/user.hpp"
#include "services/accounts/accounts.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

struct RouteContext {
    storage::DbPool& pool;
    services::accounts::Accounts& accounts;
    AccountsApiOptions options;
};
using RouteContextPtr = std::shared_ptr<const RouteContext>;

// Runs `job` on a pool thread and answers with what it returns; 503 when the pool
// is full or the database cannot be reached.
void answerOnPool(storage::DbPool& pool, Reply reply,
                  std::function<Response(storage::Connection&)> job);

// The HTTP answer for a service error: 400 for bad input, 401 login_failed and
// unauthenticated, 403, 404, 409 account_exists, 429 rate_limited, 500 (logged,
// details withheld) for the rest.
Response errorResponse(const common::Error& error);

// The vp_session cookie of the request ("" when absent).
std::string sessionTokenOf(const Request& request);

// nullopt when the request may proceed; otherwise the 403 csrf_failed answer. A
// state-changing request must come from our origin; when it carries a session
// cookie it must also carry that session's X-CSRF-Token.
std::optional<Response> refuseCrossSite(const RouteContext& context, const Request& request);

// Whether cookies must be Secure: the request came over TLS, or the public URL is
// https (TLS ended by a proxy in front).
bool secureCookies(const RouteContext& context, const Request& request);

// Adds the Set-Cookie of a new session.
void setSessionCookie(Response& response, const RouteContext& context, const Request& request,
                      const services::accounts::SignedIn& signedIn);
void clearSessionCookie(Response& response, const RouteContext& context, const Request& request);

// Adds the cookie of a session whose token was just replaced (R-ACC-3), and the
// new CSRF token as the X-CSRF-Token response header (the web client keeps it).
void setRenewedSessionCookie(Response& response, const RouteContext& context,
                             const Request& request, const domain::accounts::Session& session,
                             const std::string& token);
// Replaces the session's token now, for a change the user made himself, and adds
// the new cookie to `response`. Should that fail, the session stays marked and is
// renewed on its next request.
void renewSessionNow(storage::Connection& c, const RouteContext& context, const Request& request,
                     const services::accounts::Authenticated& who, Response& response);
// The session token the request is served under: the renewed one, else the cookie's.
std::string currentSessionToken(const Request& request,
                                const services::accounts::Authenticated& who);

boost::json::object userJson(const domain::accounts::User& user);
// {"user":…, "csrfToken":…} for a new session, with its cookie set.
Response signedInResponse(int status, const RouteContext& context, const Request& request,
                          const services::accounts::SignedIn& signedIn);

Response jsonResponse(int status, const boost::json::object& body);

// A handler run on the pool after the CSRF check (for a request with a JSON body
// parsed when the method carries one).
using PoolJob = std::function<Response(storage::Connection&, const Request&)>;
Handler onPoolAfterCsrf(RouteContextPtr context, PoolJob job);

// Like onPoolAfterCsrf, for signed-in users only: 401 unauthenticated (and the
// cookie cleared) without a live session; 403 policy_acceptance_required (with the
// "version" to accept) while the user has not accepted the policy version the
// privacy center requires (R-PRIV-2).
using SignedInJob = std::function<Response(storage::Connection&, const Request&,
                                           const services::accounts::Authenticated&)>;
Handler forSignedIn(RouteContextPtr context, SignedInJob job);
// forSignedIn without the policy acceptance gate, for the few calls a user needs
// to read and accept a new policy or to leave: me, consents, account cancellation.
Handler forSignedInBeforeAcceptance(RouteContextPtr context, SignedInJob job);

// The service's origin for links in messages: the public URL when configured, else
// the scheme and Host the request was addressed to.
std::string serviceOrigin(const RouteContext& context, const Request& request);

// The client as the services see it: address and User-Agent.
services::accounts::ClientInfo clientOf(const Request& request);

}  // namespace vp::api::v1
