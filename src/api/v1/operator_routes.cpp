// GET /api/v1/operator/* (addOperatorRoutes): the operator console's API.
#include <charconv>

#include "api/v1/json_body.hpp"
#include "api/v1/minors_operator_api.hpp"
#include "api/v1/operator_support.hpp"
#include "api/v1/route_support.hpp"
#include "services/outbox/dev_outbox_reader.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;

constexpr std::size_t kDefaultOutboxEntries = 50;

// limit=N in 1..200; absent: 50.
std::optional<std::size_t> limitOf(std::string_view query) {
    if (query.empty()) {
        return kDefaultOutboxEntries;
    }
    if (!query.starts_with("limit=")) {
        return std::nullopt;
    }
    const auto text = query.substr(6);
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < 1 ||
        n > services::outbox::kMaxDevOutboxEntries) {
        return std::nullopt;
    }
    return n;
}

Response outboxList(const OperatorApiOptions& options, const Request& request) {
    const auto limit = limitOf(request.query);
    if (!limit) {
        return Response::error(400, "bad_request", "limit must be a number from 1 to 200");
    }
    boost::json::object out;
    out["transport"] = options.devOutboxFolder.empty() ? "external" : "dev";
    boost::json::array items;
    if (!options.devOutboxFolder.empty()) {
        auto entries = services::outbox::listDevOutbox(options.devOutboxFolder, *limit);
        if (!entries) {
            return errorResponse(entries.error());
        }
        for (const auto& e : *entries) {
            items.push_back(
                {{"file", e.file},
                 {"channel", e.channel},
                 {"createdAt", isoTime(common::fromUnixMillis(e.createdAtMillis))},
                 {"to", e.to},
                 {"subject", e.subject},
                 {"text", e.text},
                 {"code", e.code ? boost::json::value(*e.code) : boost::json::value(nullptr)}});
        }
    }
    out["messages"] = std::move(items);
    Response response = jsonResponse(200, out);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace

void addOperatorRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts,
                       const services::accounts::Operators& operators,
                       OperatorApiOptions operatorOptions, AccountsApiOptions options) {
    auto context =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto shared = std::make_shared<const OperatorApiOptions>(std::move(operatorOptions));
    router.add("GET", "/api/v1/operator/outbox",
               forOperator(context, operators,
                           [shared](storage::Connection&, const Request& r, const Authenticated&) {
                               return outboxList(*shared, r);
                           }));
}

}  // namespace vp::api::v1
