#include "api/v1/enterprises_json.hpp"

#include <charconv>
#include <map>

#include "api/v1/json_body.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

using domain::enterprises::Role;

boost::json::value nullableText(const std::optional<std::string>& text) {
    return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

boost::json::value nullableId(const std::optional<std::int64_t>& id) {
    return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

boost::json::value nullableTime(const std::optional<std::chrono::system_clock::time_point>& t) {
    return t ? boost::json::value(isoTime(*t)) : boost::json::value(nullptr);
}

}  // namespace

Response enterpriseErrorResponse(const common::Error& error) {
    static const std::map<std::string_view, int, std::less<>> kStatus{
        {"invalid_company_name", 400},
        {"invalid_creator_name", 400},
        {"invalid_notes", 400},
        {"invalid_note", 400},
        {"invalid_reason", 400},
        {"invalid_email", 400},
        {"invalid_phone", 400},
        {"creator_under_age", 400},
        {"reason_required", 400},
        {"account_inactive", 403},
        {"not_enterprise_administrator", 403},
        {"membership_disabled", 403},
        {"enterprise_not_found", 404},
        {"member_not_found", 404},
        {"invitation_not_found", 404},
        {"request_not_found", 404},
        {"last_administrator", 409},
        {"already_member", 409},
        {"invitation_pending", 409},
        {"invitation_answered", 409},
        {"request_pending", 409},
        {"request_decided", 409},
        {"invitation_expired", 410},
    };
    if (auto it = kStatus.find(error.code); it != kStatus.end()) {
        return Response::error(it->second, error.code, error.message);
    }
    return errorResponse(error);
}

std::optional<std::int64_t> idParam(const Request& request, std::string_view name) {
    const auto text = request.param(name).value_or("");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        return std::nullopt;
    }
    return id;
}

boost::json::object enterpriseJson(const services::enterprises::EnterpriseView& view) {
    const auto& e = view.enterprise;
    boost::json::object o;
    o["id"] = e.id;
    o["name"] = e.name;
    o["role"] = toString(view.self.role);
    o["status"] = toString(view.self.status);
    if (view.self.administers()) {
        o["contactName"] = e.contactName;
        o["contactEmail"] = e.contactEmail;
        o["contactPhone"] = e.contactPhone;
        o["notes"] = e.notes;
        o["createdAt"] = isoTime(e.createdAt);
    }
    return o;
}

boost::json::object membershipJson(const services::enterprises::MembershipRecord& record) {
    return {{"id", record.member.enterpriseId},
            {"name", record.enterpriseName},
            {"role", toString(record.member.role)},
            {"status", toString(record.member.status)},
            {"joinedAt", isoTime(record.member.joinedAt)}};
}

boost::json::object memberListJson(const services::enterprises::MemberList& list,
                                   std::int64_t viewerId) {
    const bool administrator = list.self.administers();
    boost::json::array members;
    for (const auto& r : list.members) {
        boost::json::object o;
        o["displayName"] = r.displayName;
        // The version in the URL changes with the image, so caches never show an old one.
        o["avatarUrl"] = r.avatarUpdatedAt
                             ? boost::json::value(
                                   "/api/v1/enterprises/" + std::to_string(list.self.enterpriseId) +
                                   "/member-avatars/" + std::to_string(r.membershipId) +
                                   "?v=" + std::to_string(common::toUnixMillis(*r.avatarUpdatedAt)))
                             : boost::json::value(nullptr);
        if (administrator) {
            o["userId"] = r.member.userId;
            o["email"] = nullableText(r.email);
            o["phone"] = nullableText(r.phone);
            o["role"] = toString(r.member.role);
            o["status"] = toString(r.member.status);
            o["joinedAt"] = isoTime(r.member.joinedAt);
        }
        if (r.member.userId == viewerId) {
            o["you"] = true;
        }
        members.push_back(std::move(o));
    }
    return {{"role", toString(list.self.role)},
            {"administrator", administrator},
            {"members", std::move(members)}};
}

boost::json::object invitationJson(const services::enterprises::InvitationRecord& record,
                                   std::chrono::system_clock::time_point now) {
    const auto& i = record.invitation;
    return {{"id", i.id},
            {"enterpriseId", i.enterpriseId},
            {"enterpriseName", record.enterpriseName},
            {"invitedBy", record.inviterName},
            {"channel", toString(i.target.channel)},
            {"target", i.target.value},
            {"state", toString(stateAt(i, now))},
            {"createdAt", isoTime(i.createdAt)},
            {"expiresAt", isoTime(i.expiresAt)},
            {"respondedAt", nullableTime(i.respondedAt)}};
}

boost::json::object cancellationJson(const domain::enterprises::CancellationRequest& r) {
    return {{"id", r.id},
            {"enterpriseId", r.enterpriseId},
            {"userId", r.userId},
            {"note", r.note},
            {"status", toString(r.status)},
            {"createdAt", isoTime(r.createdAt)},
            {"decidedAt", nullableTime(r.decidedAt)},
            {"decidedBy", nullableId(r.decidedBy)},
            {"decisionReason", nullableText(r.decisionReason)}};
}

boost::json::object cancellationJson(const services::enterprises::CancellationRecord& record) {
    boost::json::object o = cancellationJson(record.request);
    o["memberName"] = record.memberName;
    boost::json::array history;
    for (const auto& e : record.history) {
        history.push_back({{"status", toString(e.status)},
                           {"actorId", nullableId(e.actorId)},
                           {"reason", nullableText(e.reason)},
                           {"at", isoTime(e.at)}});
    }
    o["history"] = std::move(history);
    return o;
}

}  // namespace vp::api::v1
