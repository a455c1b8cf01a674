#include "domain/privacy/policy.hpp"

#include <algorithm>
#include <charconv>

namespace vp::domain::privacy {
namespace {

struct PurposeName {
    ConsentPurpose purpose;
    std::string_view name;
};
constexpr std::array<PurposeName, 6> kPurposes{{
    {ConsentPurpose::PolicyAcceptance, "policy_acceptance"},
    {ConsentPurpose::ProfileExtras, "profile_extras"},
    {ConsentPurpose::Telemetry, "telemetry"},
    {ConsentPurpose::NonEssentialCookies, "non_essential_cookies"},
    {ConsentPurpose::RecordingReminderAck, "recording_reminder_ack"},
    {ConsentPurpose::PosthumousAccess, "posthumous_access"},
}};

bool readNumber(std::string_view text, int& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

common::Status validateNewVersion(const PolicyVersion& next,
                                  const std::optional<PolicyVersion>& latest) {
    if (next.text.empty() || next.text.size() > kMaxPolicyTextBytes) {
        return common::Error{"invalid_policy",
                             "the policy text must be between 1 byte and 1 MiB; check the file"};
    }
    const std::int64_t expected = latest ? latest->version + 1 : 1;
    if (next.version != expected) {
        return common::Error{"invalid_policy",
                             "the next policy version must be " + std::to_string(expected)};
    }
    if (latest && next.effectiveAt < latest->effectiveAt) {
        return common::Error{"invalid_policy", "the effective date lies before that of version " +
                                                   std::to_string(latest->version) +
                                                   "; choose a later date"};
    }
    return {};
}

const PolicyVersion* versionInForce(const std::vector<PolicyVersion>& versions, TimePoint now) {
    const PolicyVersion* best = nullptr;
    for (const auto& v : versions) {
        if (v.effectiveAt <= now && (best == nullptr || v.version > best->version)) {
            best = &v;
        }
    }
    return best;
}

std::optional<std::int64_t> requiredAcceptance(const std::vector<PolicyVersion>& versions,
                                               TimePoint now) {
    std::optional<std::int64_t> latestMaterial;
    std::optional<std::int64_t> first;
    for (const auto& v : versions) {
        if (v.effectiveAt > now) {
            continue;
        }
        if (!first || v.version < *first) {
            first = v.version;
        }
        if (v.material && (!latestMaterial || v.version > *latestMaterial)) {
            latestMaterial = v.version;
        }
    }
    return latestMaterial ? latestMaterial : first;
}

common::Result<TimePoint> parseDate(std::string_view text) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
        !readNumber(text.substr(0, 4), y) || !readNumber(text.substr(5, 2), m) ||
        !readNumber(text.substr(8, 2), d)) {
        return common::Error{"invalid_date", "dates are written YYYY-MM-DD, e.g. 2026-03-01"};
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return common::Error{"invalid_date", "no such day: " + std::string(text)};
    }
    return TimePoint{std::chrono::sys_days{ymd}};
}

std::string_view toString(ConsentPurpose purpose) {
    for (const auto& p : kPurposes) {
        if (p.purpose == purpose) {
            return p.name;
        }
    }
    return "unknown";
}

std::string_view toString(ConsentMethod method) {
    switch (method) {
        case ConsentMethod::Button:
            return "button";
        case ConsentMethod::Banner:
            return "banner";
        case ConsentMethod::Guardian:
            return "guardian";
    }
    return "unknown";
}

std::optional<ConsentPurpose> parseConsentPurpose(std::string_view text) {
    for (const auto& p : kPurposes) {
        if (p.name == text) {
            return p.purpose;
        }
    }
    return std::nullopt;
}

std::optional<ConsentMethod> parseConsentMethod(std::string_view text) {
    for (ConsentMethod m :
         {ConsentMethod::Button, ConsentMethod::Banner, ConsentMethod::Guardian}) {
        if (toString(m) == text) {
            return m;
        }
    }
    return std::nullopt;
}

const std::array<ConsentPurpose, 6>& allConsentPurposes() {
    static const std::array<ConsentPurpose, 6> all{ConsentPurpose::PolicyAcceptance,
                                                   ConsentPurpose::ProfileExtras,
                                                   ConsentPurpose::Telemetry,
                                                   ConsentPurpose::NonEssentialCookies,
                                                   ConsentPurpose::RecordingReminderAck,
                                                   ConsentPurpose::PosthumousAccess};
    return all;
}

std::map<ConsentPurpose, ConsentRecord> currentConsents(const std::vector<ConsentRecord>& history) {
    std::map<ConsentPurpose, ConsentRecord> out;
    for (const auto& r : history) {
        auto it = out.find(r.purpose);
        if (it == out.end() || r.id > it->second.id) {
            out[r.purpose] = r;
        }
    }
    return out;
}

bool isGranted(const std::vector<ConsentRecord>& history, ConsentPurpose purpose) {
    const auto current = currentConsents(history);
    auto it = current.find(purpose);
    return it != current.end() && it->second.granted;
}

bool hasAccepted(const std::vector<ConsentRecord>& history, std::int64_t version) {
    const auto current = currentConsents(history);
    auto it = current.find(ConsentPurpose::PolicyAcceptance);
    return it != current.end() && it->second.granted && it->second.policyVersion >= version;
}

}  // namespace vp::domain::privacy
