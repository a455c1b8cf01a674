// /api/v1/privacy/exports* ("Download my data", R-PRIV-3) and
// /api/v1/privacy/cancellation* (account cancellation, R-PRIV-5): the routes of
// addPrivacyDataRoutes.
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/privacy_api.hpp"
#include "api/v1/privacy_request_json.hpp"
#include "api/v1/route_support.hpp"
#include "services/privacy/public_id.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;
using services::privacy::ExportView;

struct DataContext {
    RouteContextPtr base;
    PrivacyDataServices services;
};
using DataContextPtr = std::shared_ptr<const DataContext>;

Response dataErrorResponse(const common::Error& error) {
    if (error.code == "export_in_progress") {
        return Response::error(409, error.code, error.message);
    }
    if (error.code == "export_not_ready") {
        return Response::error(409, error.code, error.message);
    }
    if (error.code == "busy") {
        return Response::error(503, error.code, error.message);
    }
    return errorResponse(error);
}

boost::json::object exportJson(const ExportView& v) {
    boost::json::object o{{"id", v.publicId},
                          {"status", v.status},
                          {"progress", v.progress},
                          {"createdAt", isoTime(v.createdAt)}};
    o["finishedAt"] = v.finishedAt ? boost::json::value(isoTime(*v.finishedAt)) : nullptr;
    o["expiresAt"] = v.expiresAt ? boost::json::value(isoTime(*v.expiresAt)) : nullptr;
    o["error"] = v.error ? boost::json::value(*v.error) : nullptr;
    o["bytes"] = v.archiveBytes;
    o["downloadUrl"] =
        v.status == "ready"
            ? boost::json::value("/api/v1/privacy/exports/" + v.publicId + "/archive")
            : nullptr;
    return o;
}

Response noStore(Response response) {
    response.headers.set("Cache-Control", "no-store");
    return response;
}

Response exportRequested(storage::Connection& c, const DataContext& context,
                         const Authenticated& who) {
    auto view = context.services.exports.request(c, who.user.id);
    if (!view) {
        return dataErrorResponse(view.error());
    }
    return noStore(jsonResponse(202, exportJson(*view)));
}

Response exportList(storage::Connection& c, const DataContext& context, const Authenticated& who) {
    auto list = context.services.exports.list(c, who.user.id);
    if (!list) {
        return dataErrorResponse(list.error());
    }
    boost::json::array items;
    for (const auto& v : *list) {
        items.push_back(exportJson(v));
    }
    return noStore(jsonResponse(200, boost::json::object{{"exports", std::move(items)}}));
}

Response exportStatus(storage::Connection& c, const DataContext& context, const Request& request,
                      const Authenticated& who) {
    const auto id = request.param("exportId").value_or("");
    if (!services::privacy::wellFormedPublicId(id)) {
        return Response::error(404, "not_found", "no such export of yours");
    }
    auto view = context.services.exports.find(c, who.user.id, id);
    if (!view) {
        return dataErrorResponse(view.error());
    }
    return noStore(jsonResponse(200, exportJson(*view)));
}

Response exportArchive(storage::Connection& c, const DataContext& context, const Request& request,
                       const Authenticated& who) {
    const auto id = request.param("exportId").value_or("");
    if (!services::privacy::wellFormedPublicId(id)) {
        return Response::error(404, "not_found", "no such export of yours");
    }
    auto archive = context.services.exports.download(c, who.user.id, id);
    if (!archive) {
        return dataErrorResponse(archive.error());
    }
    Response response = Response::text(200, std::move(*archive), "application/zip");
    response.headers.set("Content-Disposition",
                         "attachment; filename=\"videopro-data-" + std::string(id) + ".zip\"");
    return noStore(std::move(response));
}

Response cancellationCode(storage::Connection& c, const DataContext& context,
                          const Request& request, const Authenticated& who) {
    const auto contact = who.user.contact();
    auto sent = context.base->accounts.requestCode(
        c, contact.value, domain::accounts::CodePurpose::Login, request.clientIp);
    if (!sent) {
        return errorResponse(sent.error());
    }
    if (context.base->options.onMessageQueued) {
        context.base->options.onMessageQueued();
    }
    return jsonResponse(202, boost::json::object{{"sent", true}});
}

Response cancelled(storage::Connection& c, const DataContext& context, const Request& request,
                   const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto code = requiredString(*body, "code", 16);
    if (!code) {
        return errorResponse(code.error());
    }
    auto confirmed = optionalBool(*body, "confirm", false);
    if (!confirmed) {
        return errorResponse(confirmed.error());
    }
    if (!*confirmed) {
        return Response::error(400, "bad_request",
                               "confirm must be true: the account cannot be restored");
    }
    if (auto verified = context.base->accounts.reverify(c, who, *code, clientOf(request));
        !verified) {
        return errorResponse(verified.error());
    }
    auto report = context.services.cancellation.cancel(
        c, {who.user.id, services::privacy::userRef(who.user.id),
            "self-service in the Security Center"});
    if (!report) {
        return dataErrorResponse(report.error());
    }
    Response response = jsonResponse(200, boost::json::object{{"cancelled", true}});
    clearSessionCookie(response, *context.base, request);
    return noStore(std::move(response));
}

Response requestFiled(storage::Connection& c, const DataContext& context, const Request& request,
                      const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto kind = requiredString(*body, "kind", 32);
    auto details = requiredString(*body, "details", services::privacy::kMaxRequestTextBytes);
    if (!kind || !details) {
        return errorResponse(!kind ? kind.error() : details.error());
    }
    // A deceased user's relatives write to the operator: they have no session of his.
    if (!services::privacy::isRequestKind(*kind) || *kind == "deceased_relative") {
        return Response::error(400, "bad_request",
                               "kind must be access, copy, correction, deletion, cancellation "
                               "or explanation");
    }
    services::privacy::NewRequest filed{who.user.id,
                                        *kind,
                                        "web",
                                        who.user.contact().value,
                                        *details,
                                        true,  // the session proves who he is
                                        services::privacy::userRef(who.user.id)};
    auto r = context.services.requests.file(c, filed);
    if (!r) {
        return dataErrorResponse(r.error());
    }
    return noStore(jsonResponse(201, requestJson(*r)));
}

Response requestList(storage::Connection& c, const DataContext& context, const Authenticated& who) {
    auto list = context.services.requests.ofUser(c, who.user.id);
    if (!list) {
        return dataErrorResponse(list.error());
    }
    boost::json::array items;
    for (const auto& r : *list) {
        items.push_back(requestJson(r));
    }
    return noStore(jsonResponse(200, boost::json::object{{"requests", std::move(items)}}));
}

}  // namespace

void addPrivacyDataRoutes(Router& router, storage::DbPool& pool,
                          services::accounts::Accounts& accounts, PrivacyDataServices services,
                          AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context = std::make_shared<const DataContext>(DataContext{base, services});
    router.add("POST", "/api/v1/privacy/exports",
               forSignedIn(base, [context](storage::Connection& c, const Request&,
                                           const Authenticated& who) {
                   return exportRequested(c, *context, who);
               }));
    router.add("GET", "/api/v1/privacy/exports",
               forSignedIn(base, [context](storage::Connection& c, const Request&,
                                           const Authenticated& who) {
                   return exportList(c, *context, who);
               }));
    router.add("GET", "/api/v1/privacy/exports/{exportId}",
               forSignedIn(base, [context](storage::Connection& c, const Request& r,
                                           const Authenticated& who) {
                   return exportStatus(c, *context, r, who);
               }));
    router.add("GET", "/api/v1/privacy/exports/{exportId}/archive",
               forSignedIn(base, [context](storage::Connection& c, const Request& r,
                                           const Authenticated& who) {
                   return exportArchive(c, *context, r, who);
               }));
    router.add("POST", "/api/v1/privacy/requests",
               forSignedIn(base, [context](storage::Connection& c, const Request& r,
                                           const Authenticated& who) {
                   return requestFiled(c, *context, r, who);
               }));
    router.add("GET", "/api/v1/privacy/requests",
               forSignedIn(base, [context](storage::Connection& c, const Request&,
                                           const Authenticated& who) {
                   return requestList(c, *context, who);
               }));
    // Cancellation stays open to a user who has not accepted a new policy: refusing
    // the new policy and leaving is his right.
    router.add("POST", "/api/v1/privacy/cancellation/code",
               forSignedInBeforeAcceptance(base, [context](storage::Connection& c, const Request& r,
                                                           const Authenticated& who) {
                   return cancellationCode(c, *context, r, who);
               }));
    router.add("POST", "/api/v1/privacy/cancellation",
               forSignedInBeforeAcceptance(base, [context](storage::Connection& c, const Request& r,
                                                           const Authenticated& who) {
                   return cancelled(c, *context, r, who);
               }));
}

}  // namespace vp::api::v1
