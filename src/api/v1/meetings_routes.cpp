// /api/v1/meetings*: the routes of addMeetingsRoutes.
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/meetings_api.hpp"
#include "api/v1/meetings_json.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;
using services::meetings::Meetings;

struct MeetingsContext {
    RouteContextPtr base;
    Meetings& meetings;
};
using MeetingsContextPtr = std::shared_ptr<const MeetingsContext>;

std::string meetingIdOf(const Request& request) {
    return std::string(request.param("meetingId").value_or(""));
}

// The signed-in user of the request, when it carries a live session; no error when
// it does not (guests may read meeting details and join).
std::optional<Authenticated> whoIfSignedIn(storage::Connection& c, const RouteContext& context,
                                           const Request& request) {
    const std::string token = sessionTokenOf(request);
    if (token.empty()) {
        return std::nullopt;
    }
    // No cookie goes back from here, so a token due for renewal is left as it is.
    auto who = context.accounts.authenticate(c, token, services::accounts::Renewal::Deferred);
    return who ? std::optional<Authenticated>(std::move(*who)) : std::nullopt;
}

Response created(storage::Connection& c, Meetings& meetings, const Request& request,
                 const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto draft = meetingDraftFrom(*body);
    if (!draft) {
        return meetingErrorResponse(draft.error());
    }
    auto meeting = meetings.create(c, who.user.id, *draft);
    if (!meeting) {
        return meetingErrorResponse(meeting.error());
    }
    Response response = jsonResponse(201, meetingJson(*meeting, who.user.displayName, true));
    response.headers.set("Location", "/api/v1/meetings/" + meeting->meetingId);
    return response;
}

Response listed(storage::Connection& c, Meetings& meetings, const Request& request,
                const Authenticated& who) {
    services::meetings::ListScope scope = services::meetings::ListScope::Upcoming;
    if (request.query == "scope=past") {
        scope = services::meetings::ListScope::Past;
    } else if (!request.query.empty() && request.query != "scope=upcoming") {
        return Response::error(400, "bad_request", "scope must be upcoming or past");
    }
    auto list = meetings.list(c, who.user.id, scope);
    if (!list) {
        return meetingErrorResponse(list.error());
    }
    boost::json::array items;
    for (const auto& m : *list) {
        items.push_back(meetingJson(m, who.user.displayName, true));
    }
    return jsonResponse(200, boost::json::object{{"meetings", std::move(items)}});
}

Response details(storage::Connection& c, const MeetingsContext& context, const Request& request) {
    auto record = context.meetings.find(c, meetingIdOf(request), request.clientIp);
    if (!record) {
        return meetingErrorResponse(record.error());
    }
    const auto who = whoIfSignedIn(c, *context.base, request);
    const bool creator = who && who->user.id == record->meeting.creatorId;
    return jsonResponse(200, meetingJson(record->meeting, record->hostName, creator));
}

Response edited(storage::Connection& c, Meetings& meetings, const Request& request,
                const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto changes = meetingChangesFrom(*body);
    if (!changes) {
        return meetingErrorResponse(changes.error());
    }
    auto meeting = meetings.update(c, who.user.id, meetingIdOf(request), *changes);
    if (!meeting) {
        return meetingErrorResponse(meeting.error());
    }
    return jsonResponse(200, meetingJson(*meeting, who.user.displayName, true));
}

Response cancelled(storage::Connection& c, Meetings& meetings, const Request& request,
                   const Authenticated& who) {
    if (auto done = meetings.cancel(c, who.user.id, meetingIdOf(request)); !done) {
        return meetingErrorResponse(done.error());
    }
    Response response = Response::text(204, "");
    response.headers.remove("Content-Type");
    return response;
}

Response joined(storage::Connection& c, const MeetingsContext& context, const Request& request) {
    auto body = parseObject(request.body.empty() ? std::string_view("{}") : request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto passcode = optionalString(*body, "passcode", 256);
    auto guestName = optionalString(*body, "guestName", 256);
    if (!passcode || !guestName) {
        return errorResponse(!passcode ? passcode.error() : guestName.error());
    }
    services::meetings::Joiner joiner;
    if (auto who = whoIfSignedIn(c, *context.base, request)) {
        joiner.userId = who->user.id;
        joiner.userName = who->user.displayName;
    }
    joiner.guestName = std::move(*guestName);
    joiner.passcode = std::move(*passcode);
    joiner.clientIp = request.clientIp;
    auto grant = context.meetings.join(c, meetingIdOf(request), joiner);
    if (!grant) {
        return meetingErrorResponse(grant.error());
    }
    Response response = jsonResponse(200, joinGrantJson(*grant));
    response.headers.set("Cache-Control", "no-store");
    return response;
}

Response attendance(storage::Connection& c, Meetings& meetings, const Request& request,
                    const Authenticated& who, bool csv) {
    auto report = meetings.attendance(c, who.user.id, meetingIdOf(request));
    if (!report) {
        return meetingErrorResponse(report.error());
    }
    if (!csv) {
        return jsonResponse(200, attendanceJson(*report));
    }
    Response response =
        Response::text(200, domain::meetings::attendanceCsv(*report), "text/csv; charset=utf-8");
    response.headers.set("Content-Disposition", "attachment; filename=\"attendance-" +
                                                    report->meeting.meetingId + ".csv\"");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace

void addMeetingsRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts,
                       services::meetings::Meetings& meetings, AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context = std::make_shared<const MeetingsContext>(MeetingsContext{base, meetings});
    Meetings* m = &meetings;
    router.add("POST", "/api/v1/meetings",
               forSignedIn(base, [m](storage::Connection& c, const Request& r,
                                     const Authenticated& who) { return created(c, *m, r, who); }));
    router.add("GET", "/api/v1/meetings",
               forSignedIn(base, [m](storage::Connection& c, const Request& r,
                                     const Authenticated& who) { return listed(c, *m, r, who); }));
    router.add("GET", "/api/v1/meetings/{meetingId}",
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request& r) {
                   return details(c, *context, r);
               }));
    router.add("PATCH", "/api/v1/meetings/{meetingId}",
               forSignedIn(base, [m](storage::Connection& c, const Request& r,
                                     const Authenticated& who) { return edited(c, *m, r, who); }));
    router.add(
        "DELETE", "/api/v1/meetings/{meetingId}",
        forSignedIn(base, [m](storage::Connection& c, const Request& r, const Authenticated& who) {
            return cancelled(c, *m, r, who);
        }));
    router.add("POST", "/api/v1/meetings/{meetingId}/join",
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request& r) {
                   return joined(c, *context, r);
               }));
    router.add(
        "GET", "/api/v1/meetings/{meetingId}/attendance",
        forSignedIn(base, [m](storage::Connection& c, const Request& r, const Authenticated& who) {
            return attendance(c, *m, r, who, false);
        }));
    router.add(
        "GET", "/api/v1/meetings/{meetingId}/attendance.csv",
        forSignedIn(base, [m](storage::Connection& c, const Request& r, const Authenticated& who) {
            return attendance(c, *m, r, who, true);
        }));
}

}  // namespace vp::api::v1
