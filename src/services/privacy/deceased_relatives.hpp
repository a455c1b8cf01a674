#pragma once
// Requests by close relatives of a deceased user (R-PRIV-6, policy §6.7(2)): entered only
// with the relationship and a description of the proof of relationship, recorded in
// the request's details; answered only where the deceased did not arrange otherwise
// (his latest `posthumous_access` record in the consent ledger is not a withdrawal).
// The answer covers the deceased's own data only; the operator refuses, with reasons,
// what the relatives cannot have.
#include <cstddef>
#include <string>

#include "common/result.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

inline constexpr std::string_view kDeceasedRelativeKind = "deceased_relative";
inline constexpr std::size_t kMaxRelationshipBytes = 64;
inline constexpr std::size_t kMaxProofBytes = 1000;

struct RelativeClaim {
    std::string relationship;  // "son", "spouse", ...
    std::string proof;         // what proves it: "birth certificate no. 123, copy received"
};

// The details text of a relative's request: relationship, proof, then what is asked.
// "bad_request" when the relationship or the proof is blank or too long.
common::Result<std::string> relativeRequestDetails(const RelativeClaim& claim,
                                                   const std::string& details);

// "deceased_arranged_otherwise" (409) when `r` is a relative's request about a user
// whose latest posthumous_access record withdrew it; ok for any other request.
common::Status relativesMayBeAnswered(storage::Connection& c, const ConsentLedger& ledger,
                                      const PrivacyRequest& r);

}  // namespace vp::services::privacy
