#pragma once
// Privacy requests (R-PRIV-6) in `privacy_requests`: access, copy, correction,
// deletion, cancellation, explanation of rules, and requests by close relatives of a
// deceased user. Each is due at the end of the 15th working day after receipt
// (domain/privacy/request_deadline.hpp, configurable holiday calendar); the identity
// is verified before an answer; every status change is appended to the request's
// history; a refusal needs a reasoned answer. Overdue open requests are counted for
// /metrics and the operator.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/privacy/request_deadline.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

// The kinds and channels as stored; parse* return nullopt for anything else.
bool isRequestKind(std::string_view kind);
bool isRequestChannel(std::string_view channel);

inline constexpr std::size_t kMaxRequestTextBytes = 4000;

struct NewRequest {
    std::optional<std::int64_t> userId;  // the account concerned, when known
    std::string kind;                    // access, copy, correction, deletion, ...
    std::string channel;                 // web, email, operator, enterprise
    std::string requesterContact;        // email or phone to answer to
    std::string details;                 // what is asked (for relatives: the proof)
    bool identityVerified = false;       // true for a signed-in user's own request
    std::string actor;                   // who entered it: "user:12", "operator:alice"
};

// A deletion of one category (R-PRIV-4): domain/privacy/erasure_grounds.hpp names.
struct ErasureAskedFor {
    std::string category;
    std::string ground;
};

struct PrivacyRequest {
    std::int64_t id = 0;
    std::string publicId;
    std::optional<std::int64_t> userId;
    std::string kind;
    std::string channel;
    std::string requesterContact;
    std::string details;
    bool identityVerified = false;
    std::string status;  // received, in_progress, answered, refused
    std::chrono::system_clock::time_point receivedAt;
    std::chrono::system_clock::time_point dueAt;
    std::optional<std::string> answer;
    std::optional<std::chrono::system_clock::time_point> answeredAt;
    std::string historyJson;  // [{at, status, actor, note}, …]
    std::optional<std::string> eraseCategory;
    std::optional<std::string> eraseGround;

    bool open() const { return status == "received" || status == "in_progress"; }
};

class PrivacyRequests {
  public:
    PrivacyRequests(domain::privacy::HolidayCalendar calendar, const common::Clock& clock,
                    common::Random& random)
        : calendar_(std::move(calendar)), clock_(clock), random_(random) {}

    // Errors: "bad_request" (unknown kind or channel, empty or too long text).
    common::Result<PrivacyRequest> file(storage::Connection& c, const NewRequest& request,
                                        const std::optional<ErasureAskedFor>& erase = {}) const;
    // "not_found" for an unknown id.
    common::Result<PrivacyRequest> find(storage::Connection& c, std::string_view publicId) const;
    // A user's requests, newest first (at most 50).
    common::Result<std::vector<PrivacyRequest>> ofUser(storage::Connection& c,
                                                       std::int64_t userId) const;
    // Open requests, the earliest due first (at most 200).
    common::Result<std::vector<PrivacyRequest>> openRequests(storage::Connection& c) const;
    // Closed requests, the latest answered first (at most `limit`, up to 200).
    common::Result<std::vector<PrivacyRequest>> closedRequests(storage::Connection& c,
                                                               std::size_t limit) const;

    common::Result<PrivacyRequest> verifyIdentity(storage::Connection& c, std::string_view publicId,
                                                  const std::string& actor) const;
    // Closes a request: `refused` needs a reasoned answer ("reason_required");
    // an unverified requester gets no answer but a refusal ("identity_not_verified");
    // a closed request cannot be answered again ("request_closed").
    common::Result<PrivacyRequest> answer(storage::Connection& c, std::string_view publicId,
                                          bool refused, const std::string& text,
                                          const std::string& actor) const;
    // Open requests past their due time.
    common::Result<std::int64_t> overdueCount(storage::Connection& c) const;

    const domain::privacy::HolidayCalendar& calendar() const { return calendar_; }

  private:
    // find(), and "request_closed" for an answered or refused request.
    common::Result<PrivacyRequest> findOpen(storage::Connection& c,
                                            std::string_view publicId) const;
    common::Result<PrivacyRequest> changeStatus(storage::Connection& c, const PrivacyRequest& r,
                                                const std::string& status, const std::string& actor,
                                                const std::string& note,
                                                const std::string& extraSet,
                                                std::vector<storage::SqlValue> extraParams) const;

    domain::privacy::HolidayCalendar calendar_;
    const common::Clock& clock_;
    common::Random& random_;
};

}  // namespace vp::services::privacy
