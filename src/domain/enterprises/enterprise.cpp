#include "domain/enterprises/enterprise.hpp"

#include "domain/enterprises/text_fields.hpp"

namespace vp::domain::enterprises {

std::string_view toString(Role role) {
    return role == Role::Administrator ? "administrator" : "member";
}

std::string_view toString(MemberStatus status) {
    return status == MemberStatus::Active ? "active" : "disabled";
}

std::optional<Role> parseRole(std::string_view text) {
    if (text == "administrator") {
        return Role::Administrator;
    }
    if (text == "member") {
        return Role::Member;
    }
    return std::nullopt;
}

std::optional<MemberStatus> parseMemberStatus(std::string_view text) {
    if (text == "active") {
        return MemberStatus::Active;
    }
    if (text == "disabled") {
        return MemberStatus::Disabled;
    }
    return std::nullopt;
}

common::Result<std::string> normalizeCompanyName(std::string_view input) {
    return normalizeTextField(
        input, {"invalid_company_name", "the company name", 1, kMaxCompanyNameBytes, false});
}

common::Result<std::string> normalizeCreatorName(std::string_view input) {
    return normalizeTextField(input, {"invalid_creator_name", "your name", 1, 64, false});
}

common::Result<std::string> normalizeNotes(std::string_view input) {
    return normalizeTextField(input, {"invalid_notes", "the notes", 0, kMaxNotesBytes, true});
}

common::Status checkMemberChange(const Member& target, const MemberChange& change,
                                 std::int64_t activeAdministrators) {
    if (!target.administers()) {
        return {};
    }
    const bool staysAdministrator = !change.remove &&
                                    change.role.value_or(target.role) == Role::Administrator &&
                                    change.status.value_or(target.status) == MemberStatus::Active;
    if (!staysAdministrator && activeAdministrators <= 1) {
        return common::makeError("last_administrator",
                                 "this is the enterprise's only active administrator; promote "
                                 "another member to administrator first");
    }
    return {};
}

}  // namespace vp::domain::enterprises
