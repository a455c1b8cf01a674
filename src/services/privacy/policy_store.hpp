#pragma once
// Published policy versions (R-PRIV-2) in `policy_versions`. Versions are never
// changed once published; a new version is a new row.
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/policy.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::PolicyVersion;

struct PolicyDraft {
    std::string text;
    domain::privacy::TimePoint effectiveAt;
    bool material = false;
    std::string publishedBy;
};

class PolicyStore {
  public:
    explicit PolicyStore(const common::Clock& clock) : clock_(clock) {}

    // Publishes the next version (latest + 1). Errors: "invalid_policy".
    common::Result<PolicyVersion> publish(storage::Connection& c, const PolicyDraft& draft) const;
    // Every version, oldest first.
    common::Result<std::vector<PolicyVersion>> all(storage::Connection& c) const;
    // The version in force now; nullopt when none is.
    common::Result<std::optional<PolicyVersion>> inForce(storage::Connection& c) const;

    const common::Clock& clock() const { return clock_; }

  private:
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
