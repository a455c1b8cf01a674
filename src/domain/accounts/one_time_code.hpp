#pragma once
// One-time codes (R-ACC-1): 6 digits from a CSPRNG, stored only as a keyed hash,
// valid 10 minutes, single use, at most 5 wrong attempts per code, at most 5 codes
// per target per hour and a per-IP limit. This file holds the pure rules; hashing
// and storage live in services/codes.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/random.hpp"

namespace vp::domain::accounts {

struct CodeLimits {
    int digits = 6;
    std::chrono::minutes lifetime{10};
    int maxWrongAttempts = 5;             // per code
    std::chrono::minutes rateWindow{60};  // for the two limits below
    int maxCodesPerTarget = 5;            // per target and window
    int maxCodesPerIp = 20;               // per requesting IP and window
};

// What a code is for; part of the keyed hash so a code for one purpose never
// verifies another.
enum class CodePurpose { Register, Login, ChangeContact, EnterpriseVerification, GuardianConsent };

std::string_view toString(CodePurpose purpose);
std::optional<CodePurpose> parseCodePurpose(std::string_view text);

// A code as stored: the hash, never the code itself.
struct StoredCode {
    std::int64_t id = 0;
    std::string target;  // normalised email or E.164 number
    CodePurpose purpose = CodePurpose::Login;
    std::string codeHash;  // hex of the keyed hash
    std::chrono::system_clock::time_point createdAt;
    std::chrono::system_clock::time_point expiresAt;
    int attempts = 0;  // attempts so far (only the last can have been right: it consumes)
    std::optional<std::chrono::system_clock::time_point> consumedAt;
    std::string requesterIp;
};

// Recent issuance within the rate window.
struct IssueHistory {
    std::int64_t codesForTarget = 0;
    std::int64_t codesFromIp = 0;
};

enum class IssueDecision { Allowed, TargetLimited, IpLimited };

IssueDecision decideIssue(const CodeLimits& limits, const IssueHistory& history);

// `limits.digits` decimal digits, uniformly distributed, leading zeros kept.
std::string generateCode(common::Random& random, int digits);

// True when `code` is exactly `digits` ASCII digits (anything else is refused
// before hashing).
bool wellFormedCode(std::string_view code, int digits);

enum class VerifyOutcome {
    Accepted,          // matches: consume it
    Wrong,             // does not match: count the attempt
    Expired,           // past its lifetime
    Used,              // already consumed
    AttemptsExceeded,  // too many wrong attempts already
    NoCode,            // nothing was issued (or the input is malformed)
};

// The decision for the newest code of a target and purpose (nullptr: none).
// `givenHash` is the keyed hash of the submitted code; the comparison takes the
// same time wherever the hashes differ.
VerifyOutcome decideVerify(const CodeLimits& limits, const StoredCode* code,
                           std::string_view givenHash, std::chrono::system_clock::time_point now);

// Compares without an early exit: the time depends on the lengths only.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace vp::domain::accounts
