#include "domain/enterprises/enterprises_data_map.hpp"

namespace vp::domain::enterprises {
namespace {

using privacy::notPersonalColumn;
using privacy::personalColumn;
using privacy::PersonalData;
using privacy::Retention;

Retention whileMember() {
    return {std::chrono::days{0}, std::nullopt,
            "kept while the person's account and the enterprise exist; erased with either "
            "(R-PRIV-5)"};
}

}  // namespace

privacy::TableDeclaration enterprisesTable() {
    const Retention enterprise{std::chrono::days{0}, std::nullopt,
                               "kept while the enterprise exists (its administrators' contact "
                               "for the service); erased with the enterprise"};
    const PersonalData contact{"enterprise contact", "register and reach the enterprise (R-ACC-2)",
                               "created_by", enterprise, false};
    return {"enterprises",
            "Registered enterprises: company name, the creator's contact details, notes.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("name", "the company's name, about no person"),
                personalColumn("contact_name", contact),
                personalColumn("contact_email", contact),
                personalColumn("contact_phone", contact),
                personalColumn("notes", contact),
                personalColumn("created_by", contact),
                personalColumn("created_at", contact),
                notPersonalColumn("updated_at", "when the enterprise row last changed"),
            }};
}

privacy::TableDeclaration enterpriseMembersTable() {
    const PersonalData membership{"enterprise membership",
                                  "run the enterprise's member list and roles (R-ACC-5)", "user_id",
                                  whileMember(), false};
    return {"enterprise_members",
            "Who belongs to which enterprise, as administrator or member, active or disabled.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("enterprise_id", "the enterprise row"),
                personalColumn("user_id", membership),
                personalColumn("role", membership),
                personalColumn("status", membership),
                personalColumn("joined_at", membership),
                notPersonalColumn("updated_at", "when the membership last changed"),
            }};
}

privacy::TableDeclaration enterpriseInvitationsTable() {
    const Retention invitation{std::chrono::days{0}, std::nullopt,
                               "kept while the enterprise exists so that its administrators "
                               "see whom they invited; erased with the enterprise"};
    const PersonalData invitee{"invitation", "invite a person to an enterprise (R-ACC-5)", "target",
                               invitation, false};
    const PersonalData actor{"invitation", "show who sent or answered an invitation (R-ACC-5)",
                             "invited_by", invitation, false};
    return {"enterprise_invitations",
            "Invitations to join an enterprise, by email address or mobile number.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("enterprise_id", "the enterprise row"),
                notPersonalColumn("channel", "email or sms"),
                personalColumn("target", invitee),
                personalColumn("invited_by", actor),
                personalColumn("status", invitee),
                personalColumn("created_at", invitee),
                notPersonalColumn("expires_at", "end of the invitation's lifetime"),
                personalColumn("responded_at", invitee),
                personalColumn("responded_by", invitee),
            }};
}

privacy::TableDeclaration enterpriseCancellationRequestsTable() {
    const PersonalData request{"account cancellation request",
                               "let the enterprise's administrators handle a member's request to "
                               "cancel his account (R-ACC-5)",
                               "user_id", whileMember(), false};
    return {"enterprise_cancellation_requests",
            "Members' requests to cancel their account and the administrators' decisions.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("enterprise_id", "the enterprise row"),
                personalColumn("user_id", request),
                personalColumn("note", request),
                personalColumn("status", request),
                personalColumn("created_at", request),
                personalColumn("decided_at", request),
                personalColumn("decided_by", request),
                personalColumn("decision_reason", request),
            }};
}

privacy::TableDeclaration enterpriseCancellationEventsTable() {
    const PersonalData history{"account cancellation request",
                               "history of a cancellation request: who changed it, when, why",
                               "actor_id", whileMember(), false};
    return {"enterprise_cancellation_events",
            "Status history of the cancellation requests (append-only).",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("request_id", "the request row"),
                personalColumn("status", history),
                personalColumn("actor_id", history),
                personalColumn("reason", history),
                personalColumn("occurred_at", history),
            }};
}

}  // namespace vp::domain::enterprises
