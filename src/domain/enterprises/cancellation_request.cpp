#include "domain/enterprises/cancellation_request.hpp"

#include "domain/enterprises/text_fields.hpp"

namespace vp::domain::enterprises {

std::string_view toString(CancellationStatus status) {
    switch (status) {
        case CancellationStatus::Pending:
            return "pending";
        case CancellationStatus::Approved:
            return "approved";
        case CancellationStatus::Refused:
            return "refused";
    }
    return "pending";
}

std::optional<CancellationStatus> parseCancellationStatus(std::string_view text) {
    for (auto s :
         {CancellationStatus::Pending, CancellationStatus::Approved, CancellationStatus::Refused}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

common::Result<std::string> normalizeCancellationNote(std::string_view input) {
    return normalizeTextField(input, {"invalid_note", "the note", 0, kMaxReasonBytes, true});
}

common::Result<std::optional<std::string>> checkDecision(const CancellationRequest& request,
                                                         CancellationStatus to,
                                                         std::optional<std::string_view> reason) {
    if (request.status != CancellationStatus::Pending) {
        return common::makeError(
            "request_decided", "this request was already " + std::string(toString(request.status)));
    }
    std::optional<std::string> normalized;
    if (reason) {
        auto text =
            normalizeTextField(*reason, {"invalid_reason", "the reason", 0, kMaxReasonBytes, true});
        if (!text) {
            return text.error();
        }
        if (!text->empty()) {
            normalized = std::move(*text);
        }
    }
    if (to == CancellationStatus::Refused && !normalized) {
        return common::makeError("reason_required",
                                 "give the member a reason for refusing the request");
    }
    return normalized;
}

}  // namespace vp::domain::enterprises
