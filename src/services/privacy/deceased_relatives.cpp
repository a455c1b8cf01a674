#include "services/privacy/deceased_relatives.hpp"

#include <algorithm>

namespace vp::services::privacy {
namespace {

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); });
}

}  // namespace

common::Result<std::string> relativeRequestDetails(const RelativeClaim& claim,
                                                   const std::string& details) {
    if (blank(claim.relationship) || claim.relationship.size() > kMaxRelationshipBytes) {
        return common::makeError("bad_request",
                                 "relationship: say how the requester is related to the deceased "
                                 "(at most " +
                                     std::to_string(kMaxRelationshipBytes) + " bytes)");
    }
    if (blank(claim.proof) || claim.proof.size() > kMaxProofBytes) {
        return common::makeError(
            "bad_request",
            "proofOfRelationship: describe the proof of relationship received (at "
            "most " +
                std::to_string(kMaxProofBytes) + " bytes)");
    }
    return "Relationship: " + claim.relationship + "\nProof of relationship: " + claim.proof +
           "\n" + details;
}

common::Status relativesMayBeAnswered(storage::Connection& c, const ConsentLedger& ledger,
                                      const PrivacyRequest& r) {
    if (r.kind != kDeceasedRelativeKind || !r.userId) {
        return {};
    }
    auto history = ledger.history(c, *r.userId);
    if (!history) {
        return history.error();
    }
    const auto current = domain::privacy::currentConsents(*history);
    const auto it = current.find(ConsentPurpose::PosthumousAccess);
    if (it != current.end() && !it->second.granted) {
        return common::makeError(
            "deceased_arranged_otherwise",
            "the deceased arranged that his relatives may not exercise his rights; refuse the "
            "request with that reason");
    }
    return {};
}

}  // namespace vp::services::privacy
