#pragma once
// Security incidents (R-PRIV-8) in `security_incidents`: an operator records one;
// the affected users are found from the data — accounts with rows in the tables of
// the affected categories (data map + subject paths) and the subjects of audit-log
// entries inside the incident window — and each gets a notice by email (or SMS
// when he has no email) through the outbox, in the same transaction as the record.
// Published incidents are the public announcement page.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/incident.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/outbox/outbox.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::Incident;

struct IncidentsOptions {
    std::string publicUrl;  // the notices link to <publicUrl>/incidents
};

class Incidents {
  public:
    Incidents(const domain::privacy::DataMap& map,
              const std::vector<domain::privacy::SubjectPath>& paths, const outbox::Outbox& outbox,
              IncidentsOptions options, const common::Clock& clock)
        : map_(map), paths_(paths), outbox_(outbox), options_(std::move(options)), clock_(clock) {}

    // Validates, stores and notifies; returns the incident with `notified` set.
    // Errors: "invalid_incident", outbox errors (nothing is stored then).
    common::Result<Incident> record(storage::Connection& c, Incident draft) const;
    // The accounts affected by an incident on `categories` within [from, to].
    common::Result<std::set<std::int64_t>> affectedUsers(storage::Connection& c,
                                                         const std::vector<std::string>& categories,
                                                         domain::privacy::TimePoint from,
                                                         domain::privacy::TimePoint to) const;
    // Incidents newest first; only published ones unless `all`.
    common::Result<std::vector<Incident>> list(storage::Connection& c, bool all) const;

  private:
    common::Result<std::int64_t> notify(storage::Connection& c, const Incident& incident,
                                        const std::set<std::int64_t>& users) const;

    const domain::privacy::DataMap& map_;
    const std::vector<domain::privacy::SubjectPath>& paths_;
    const outbox::Outbox& outbox_;
    IncidentsOptions options_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
