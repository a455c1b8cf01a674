#pragma once
// An enterprise (R-ACC-2, R-ACC-5): a company registered by its creator, who becomes
// its first administrator; members join by invitation. More than one administrator
// is allowed and there is never none. The rules here are pure; storage and the
// operations live in services/enterprises.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::domain::enterprises {

using TimePoint = std::chrono::system_clock::time_point;

enum class Role { Administrator, Member };
enum class MemberStatus { Active, Disabled };

std::string_view toString(Role role);
std::string_view toString(MemberStatus status);
std::optional<Role> parseRole(std::string_view text);
std::optional<MemberStatus> parseMemberStatus(std::string_view text);

struct Enterprise {
    std::int64_t id = 0;
    std::string name;
    std::string contactName;   // the creator's name as given at registration
    std::string contactEmail;  // normalised; verified by a one-time code
    std::string contactPhone;  // E.164
    std::string notes;
    std::optional<std::int64_t> createdBy;  // users.id; none once that account is gone
    TimePoint createdAt;
};

struct Member {
    std::int64_t enterpriseId = 0;
    std::int64_t userId = 0;
    Role role = Role::Member;
    MemberStatus status = MemberStatus::Active;
    TimePoint joinedAt;

    // An active administrator: may act on the enterprise.
    bool administers() const {
        return role == Role::Administrator && status == MemberStatus::Active;
    }
};

inline constexpr std::size_t kMaxCompanyNameBytes = 120;
inline constexpr std::size_t kMaxNotesBytes = 2000;

// Trimmed, 1..120 bytes, no control characters. Errors: "invalid_company_name".
common::Result<std::string> normalizeCompanyName(std::string_view input);
// Trimmed, 1..64 bytes, no control characters. Errors: "invalid_creator_name".
common::Result<std::string> normalizeCreatorName(std::string_view input);
// Trimmed, at most 2000 bytes; line breaks and tabs allowed, other control
// characters not. Errors: "invalid_notes".
common::Result<std::string> normalizeNotes(std::string_view input);

// A change an administrator asks for on one membership.
struct MemberChange {
    std::optional<Role> role;
    std::optional<MemberStatus> status;
    bool remove = false;
};

// Whether `change` may be applied to `target` when the enterprise has
// `activeAdministrators` active administrators (the target included, if he is
// one): refused ("last_administrator") when it would leave none.
common::Status checkMemberChange(const Member& target, const MemberChange& change,
                                 std::int64_t activeAdministrators);

}  // namespace vp::domain::enterprises
