#include "domain/accounts/user.hpp"

namespace vp::domain::accounts {
namespace {

// (year, month) of a time point, in UTC.
BirthMonth monthOf(std::chrono::system_clock::time_point t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

int monthIndex(BirthMonth m) {
    return m.year * 12 + (m.month - 1);
}

}  // namespace

std::string_view toString(UserStatus status) {
    switch (status) {
        case UserStatus::Active:
            return "active";
        case UserStatus::PendingGuardian:
            return "pending_guardian";
        case UserStatus::Disabled:
            return "disabled";
    }
    return "disabled";
}

std::optional<UserStatus> parseUserStatus(std::string_view text) {
    for (auto s : {UserStatus::Active, UserStatus::PendingGuardian, UserStatus::Disabled}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

Contact User::contact() const {
    if (email) {
        return {Channel::Email, *email};
    }
    return {Channel::Sms, phone.value_or("")};
}

common::Status validateBirthMonth(BirthMonth birth, std::chrono::system_clock::time_point now) {
    if (birth.month < 1 || birth.month > 12 || birth.year < 1900 ||
        monthIndex(birth) > monthIndex(monthOf(now))) {
        return common::makeError("invalid_birth_date",
                                 "give the year (1900 or later) and month (1-12) of birth; "
                                 "it cannot be in the future");
    }
    return {};
}

bool isChild(BirthMonth birth, std::chrono::system_clock::time_point now) {
    return monthIndex(monthOf(now)) - monthIndex(birth) <= kGuardianConsentAge * 12;
}

common::Result<std::string> normalizeDisplayName(std::string_view input) {
    while (!input.empty() && (input.front() == ' ' || input.front() == '\t')) {
        input.remove_prefix(1);
    }
    while (!input.empty() && (input.back() == ' ' || input.back() == '\t')) {
        input.remove_suffix(1);
    }
    if (input.size() > 64) {
        return common::makeError("invalid_display_name",
                                 "the display name may have at most 64 bytes");
    }
    for (char c : input) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            return common::makeError("invalid_display_name",
                                     "the display name may not hold control characters");
        }
    }
    return std::string(input);
}

}  // namespace vp::domain::accounts
