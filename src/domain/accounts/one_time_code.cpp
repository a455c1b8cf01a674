#include "domain/accounts/one_time_code.hpp"

#include <array>

namespace vp::domain::accounts {
namespace {

constexpr std::array<std::pair<CodePurpose, std::string_view>, 5> kPurposes{{
    {CodePurpose::Register, "register"},
    {CodePurpose::Login, "login"},
    {CodePurpose::ChangeContact, "change_contact"},
    {CodePurpose::EnterpriseVerification, "enterprise_verification"},
    {CodePurpose::GuardianConsent, "guardian_consent"},
}};

}  // namespace

std::string_view toString(CodePurpose purpose) {
    for (const auto& [p, name] : kPurposes) {
        if (p == purpose) {
            return name;
        }
    }
    return "login";
}

std::optional<CodePurpose> parseCodePurpose(std::string_view text) {
    for (const auto& [p, name] : kPurposes) {
        if (name == text) {
            return p;
        }
    }
    return std::nullopt;
}

IssueDecision decideIssue(const CodeLimits& limits, const IssueHistory& history) {
    if (history.codesForTarget >= limits.maxCodesPerTarget) {
        return IssueDecision::TargetLimited;
    }
    if (history.codesFromIp >= limits.maxCodesPerIp) {
        return IssueDecision::IpLimited;
    }
    return IssueDecision::Allowed;
}

std::string generateCode(common::Random& random, int digits) {
    std::string code(static_cast<std::size_t>(digits), '0');
    for (auto& c : code) {
        c = static_cast<char>('0' + random.uniform(10));
    }
    return code;
}

bool wellFormedCode(std::string_view code, int digits) {
    if (code.size() != static_cast<std::size_t>(digits)) {
        return false;
    }
    for (char c : code) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

VerifyOutcome decideVerify(const CodeLimits& limits, const StoredCode* code,
                           std::string_view givenHash, std::chrono::system_clock::time_point now) {
    if (code == nullptr) {
        return VerifyOutcome::NoCode;
    }
    if (code->consumedAt) {
        return VerifyOutcome::Used;
    }
    if (now >= code->expiresAt) {
        return VerifyOutcome::Expired;
    }
    if (code->attempts >= limits.maxWrongAttempts) {
        return VerifyOutcome::AttemptsExceeded;
    }
    return constantTimeEquals(code->codeHash, givenHash) ? VerifyOutcome::Accepted
                                                         : VerifyOutcome::Wrong;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    const std::size_t n = a.size() < b.size() ? b.size() : a.size();
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0U;
        const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0U;
        diff |= x ^ y;
    }
    // Keep the compiler from turning the loop into an early-exit compare.
    volatile unsigned sink = diff;
    return sink == 0;
}

}  // namespace vp::domain::accounts
