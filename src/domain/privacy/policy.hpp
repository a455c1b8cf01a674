#pragma once
// Policy versions and the consent ledger's rules (R-PRIV-2): which version is in
// force, which one a signed-in user must have accepted, and the current state of
// each consent from its append-only history. Pure: no I/O.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace vp::domain::privacy {

using TimePoint = std::chrono::system_clock::time_point;

struct PolicyVersion {
    std::int64_t version = 0;
    std::string text;  // markdown or the web client's JSON policy document
    TimePoint effectiveAt;
    bool material = false;  // a material change requires fresh acceptance
    TimePoint publishedAt;
    std::string publishedBy;
};

// Largest policy text accepted for publication.
inline constexpr std::size_t kMaxPolicyTextBytes = 1024 * 1024;

// "invalid_policy" when the text is empty or too large, the effective date lies
// before the latest version's, or `next.version` is not latest + 1.
common::Status validateNewVersion(const PolicyVersion& next,
                                  const std::optional<PolicyVersion>& latest);

// The version in force at `now`: the highest one whose effective date has come.
const PolicyVersion* versionInForce(const std::vector<PolicyVersion>& versions, TimePoint now);

// The version a signed-in user must have accepted at `now`: the latest material
// version in force, or else the first version in force (accepted at registration);
// nullopt when no version is in force (nothing to accept).
std::optional<std::int64_t> requiredAcceptance(const std::vector<PolicyVersion>& versions,
                                               TimePoint now);

// "2026-03-01" → midnight UTC of that day; "invalid_date" otherwise.
common::Result<TimePoint> parseDate(std::string_view yyyyMmDd);

enum class ConsentPurpose {
    PolicyAcceptance,
    ProfileExtras,
    Telemetry,
    NonEssentialCookies,
    RecordingReminderAck,
    // Policy §6.7(2): whether close relatives may exercise the rights of a deceased user.
    // No record: they may; a withdrawal is his arrangement otherwise (R-PRIV-6).
    PosthumousAccess,
};
enum class ConsentMethod { Button, Banner, Guardian };

std::string_view toString(ConsentPurpose purpose);
std::string_view toString(ConsentMethod method);
std::optional<ConsentPurpose> parseConsentPurpose(std::string_view text);
std::optional<ConsentMethod> parseConsentMethod(std::string_view text);
const std::array<ConsentPurpose, 6>& allConsentPurposes();

// One row of the ledger. A withdrawal is a new record with granted = false.
struct ConsentRecord {
    std::int64_t id = 0;  // ledger order
    std::int64_t subject = 0;
    ConsentPurpose purpose = ConsentPurpose::PolicyAcceptance;
    bool granted = false;
    std::int64_t policyVersion = 0;
    TimePoint recordedAt;
    ConsentMethod method = ConsentMethod::Button;
    std::string jurisdiction;
};

// The latest record of each purpose in `history` (any order; ledger id decides).
std::map<ConsentPurpose, ConsentRecord> currentConsents(const std::vector<ConsentRecord>& history);

// Whether the current state of `purpose` is granted.
bool isGranted(const std::vector<ConsentRecord>& history, ConsentPurpose purpose);

// Whether the latest policy acceptance is granted and for `version` or later.
bool hasAccepted(const std::vector<ConsentRecord>& history, std::int64_t version);

}  // namespace vp::domain::privacy
