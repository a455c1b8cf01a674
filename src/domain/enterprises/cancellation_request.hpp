#pragma once
// A member's request to cancel his account, handled by the administrators of his
// enterprise (R-ACC-5): pending -> approved | refused, a reason required for a
// refusal, every change kept as history. Approval only records the decision; the
// cancellation itself belongs to the privacy center's pipeline.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/enterprises/enterprise.hpp"

namespace vp::domain::enterprises {

enum class CancellationStatus { Pending, Approved, Refused };

std::string_view toString(CancellationStatus status);
std::optional<CancellationStatus> parseCancellationStatus(std::string_view text);

struct CancellationRequest {
    std::int64_t id = 0;
    std::int64_t enterpriseId = 0;
    std::int64_t userId = 0;
    std::string note;  // the member's words, may be empty
    CancellationStatus status = CancellationStatus::Pending;
    TimePoint createdAt;
    std::optional<TimePoint> decidedAt;
    std::optional<std::int64_t> decidedBy;
    std::optional<std::string> decisionReason;
};

// One step of a request's history.
struct CancellationEvent {
    std::int64_t requestId = 0;
    CancellationStatus status = CancellationStatus::Pending;
    std::optional<std::int64_t> actorId;
    std::optional<std::string> reason;
    TimePoint at;
};

inline constexpr std::size_t kMaxReasonBytes = 500;

// The member's optional note: at most 500 bytes. Errors: "invalid_note".
common::Result<std::string> normalizeCancellationNote(std::string_view input);

// The decision `to` (Approved or Refused) on `request`. A refusal needs a reason
// (1..500 bytes, "reason_required"/"invalid_reason"); an approval may carry one.
// "request_decided" when the request is no longer pending. Returns the normalised
// reason (nullopt when none was given).
common::Result<std::optional<std::string>> checkDecision(const CancellationRequest& request,
                                                         CancellationStatus to,
                                                         std::optional<std::string_view> reason);

}  // namespace vp::domain::enterprises
