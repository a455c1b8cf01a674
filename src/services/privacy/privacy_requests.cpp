#include "services/privacy/privacy_requests.hpp"

#include <algorithm>
#include <array>

#include "common/json_escape.hpp"
#include "domain/meetings/attendance.hpp"
#include "services/privacy/public_id.hpp"

namespace vp::services::privacy {
namespace {

using Clock = std::chrono::system_clock;

constexpr std::array<std::string_view, 7> kKinds{
    "access", "copy", "correction", "deletion", "cancellation", "explanation", "deceased_relative"};
constexpr std::array<std::string_view, 4> kChannels{"web", "email", "operator", "enterprise"};

constexpr std::string_view kColumns =
    "id, public_id, user_id, kind, channel, requester_contact, details, identity_verified, "
    "status, received_at, due_at, answer, answered_at, history, erase_category, erase_ground";

common::Result<PrivacyRequest> requestOf(const storage::Row& row) {
    auto id = storage::getInt(row, 0);
    auto publicId = storage::getText(row, 1);
    auto received = storage::getInt(row, 9);
    auto due = storage::getInt(row, 10);
    auto history = storage::getText(row, 13);
    if (!id || !publicId || !received || !due || !history) {
        return common::makeError("storage.type", "malformed privacy_requests row");
    }
    PrivacyRequest r;
    r.id = *id;
    r.publicId = *publicId;
    if (auto user = storage::getInt(row, 2)) {
        r.userId = *user;
    }
    r.kind = storage::getText(row, 3).valueOr("");
    r.channel = storage::getText(row, 4).valueOr("");
    r.requesterContact = storage::getText(row, 5).valueOr("");
    r.details = storage::getText(row, 6).valueOr("");
    r.identityVerified = storage::getInt(row, 7).valueOr(0) != 0;
    r.status = storage::getText(row, 8).valueOr("");
    r.receivedAt = common::fromUnixMillis(*received);
    r.dueAt = common::fromUnixMillis(*due);
    if (auto answer = storage::getText(row, 11)) {
        r.answer = *answer;
    }
    if (auto at = storage::getInt(row, 12)) {
        r.answeredAt = common::fromUnixMillis(*at);
    }
    r.historyJson = *history;
    if (auto category = storage::getText(row, 14)) {
        r.eraseCategory = *category;
    }
    if (auto ground = storage::getText(row, 15)) {
        r.eraseGround = *ground;
    }
    return r;
}

common::Result<std::vector<PrivacyRequest>> requestsOf(
    common::Result<std::vector<storage::Row>> rows) {
    if (!rows) {
        return rows.error();
    }
    std::vector<PrivacyRequest> out;
    for (const auto& row : *rows) {
        auto r = requestOf(row);
        if (!r) {
            return r.error();
        }
        out.push_back(std::move(*r));
    }
    return out;
}

std::string historyEntry(Clock::time_point at, std::string_view status, std::string_view actor,
                         std::string_view note) {
    return "{\"at\":" + common::jsonString(domain::meetings::isoUtc(at)) +
           ",\"status\":" + common::jsonString(status) + ",\"actor\":" + common::jsonString(actor) +
           ",\"note\":" + common::jsonString(note) + "}";
}

common::Status checkText(std::string_view what, std::string_view text) {
    if (text.empty() || text.size() > kMaxRequestTextBytes) {
        return common::makeError("bad_request", std::string(what) + " must hold 1 to 4000 bytes");
    }
    return {};
}

}  // namespace

bool isRequestKind(std::string_view kind) {
    return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

bool isRequestChannel(std::string_view channel) {
    return std::find(kChannels.begin(), kChannels.end(), channel) != kChannels.end();
}

common::Result<PrivacyRequest> PrivacyRequests::file(
    storage::Connection& c, const NewRequest& request,
    const std::optional<ErasureAskedFor>& erase) const {
    if (!isRequestKind(request.kind) || !isRequestChannel(request.channel)) {
        return common::makeError("bad_request", "unknown request kind or channel");
    }
    for (auto [what, text] :
         {std::pair<std::string_view, std::string_view>{"details", request.details},
          {"the requester's contact", request.requesterContact}}) {
        if (auto ok = checkText(what, text); !ok) {
            return ok.error();
        }
    }
    const auto now = clock_.now();
    const std::string publicId = randomPublicId(random_);
    const std::string history =
        "[" + historyEntry(now, "received", request.actor, "via " + request.channel) + "]";
    auto inserted = c.execute(
        "INSERT INTO privacy_requests (public_id, user_id, kind, channel, requester_contact, "
        "details, identity_verified, status, received_at, due_at, history, erase_category, "
        "erase_ground) VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?)",
        {publicId,
         request.userId ? storage::SqlValue(*request.userId)
                        : storage::SqlValue(storage::SqlNull{}),
         request.kind, request.channel, request.requesterContact, request.details,
         std::int64_t{request.identityVerified ? 1 : 0}, common::toUnixMillis(now),
         common::toUnixMillis(domain::privacy::requestDueAt(now, calendar_)), history,
         erase ? storage::SqlValue(erase->category) : storage::SqlValue(storage::SqlNull{}),
         erase ? storage::SqlValue(erase->ground) : storage::SqlValue(storage::SqlNull{})});
    if (!inserted) {
        return inserted.error();
    }
    return find(c, publicId);
}

common::Result<PrivacyRequest> PrivacyRequests::find(storage::Connection& c,
                                                     std::string_view publicId) const {
    auto rows =
        c.query("SELECT " + std::string(kColumns) + " FROM privacy_requests WHERE public_id = ?",
                {std::string(publicId)});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return common::makeError("not_found", "no such request");
    }
    return requestOf(rows->front());
}

common::Result<std::vector<PrivacyRequest>> PrivacyRequests::ofUser(storage::Connection& c,
                                                                    std::int64_t userId) const {
    return requestsOf(c.query("SELECT " + std::string(kColumns) +
                                  " FROM privacy_requests WHERE user_id = ? ORDER BY id DESC "
                                  "LIMIT 50",
                              {userId}));
}

common::Result<std::vector<PrivacyRequest>> PrivacyRequests::openRequests(
    storage::Connection& c) const {
    return requestsOf(c.query("SELECT " + std::string(kColumns) +
                              " FROM privacy_requests WHERE status IN ('received', "
                              "'in_progress') ORDER BY due_at, id LIMIT 200"));
}

common::Result<std::vector<PrivacyRequest>> PrivacyRequests::closedRequests(
    storage::Connection& c, std::size_t limit) const {
    return requestsOf(c.query("SELECT " + std::string(kColumns) +
                                  " FROM privacy_requests WHERE status IN ('answered', "
                                  "'refused') ORDER BY answered_at DESC, id DESC LIMIT ?",
                              {static_cast<std::int64_t>(std::min<std::size_t>(limit, 200))}));
}

// Appends to the history and sets the status (and `extraSet`) only if nobody changed
// the request since it was read (compare-and-set on the history).
common::Result<PrivacyRequest> PrivacyRequests::changeStatus(
    storage::Connection& c, const PrivacyRequest& r, const std::string& status,
    const std::string& actor, const std::string& note, const std::string& extraSet,
    std::vector<storage::SqlValue> extraParams) const {
    std::string history = r.historyJson;
    if (history.size() < 2 || history.back() != ']') {
        return common::makeError("storage.type", "malformed request history");
    }
    history.pop_back();
    history +=
        (history.size() > 1 ? "," : "") + historyEntry(clock_.now(), status, actor, note) + "]";
    std::vector<storage::SqlValue> params{status, history};
    params.insert(params.end(), extraParams.begin(), extraParams.end());
    params.emplace_back(r.id);
    params.emplace_back(r.historyJson);
    auto changed = c.executeChanges("UPDATE privacy_requests SET status = ?, history = ?" +
                                        extraSet + " WHERE id = ? AND history = ?",
                                    params);
    if (!changed) {
        return changed.error();
    }
    if (*changed != 1) {
        return common::makeError("conflict", "the request changed meanwhile; reload it");
    }
    return find(c, r.publicId);
}

common::Result<PrivacyRequest> PrivacyRequests::findOpen(storage::Connection& c,
                                                         std::string_view publicId) const {
    auto r = find(c, publicId);
    if (r && !r->open()) {
        return common::makeError("request_closed", "the request is already closed");
    }
    return r;
}

common::Result<PrivacyRequest> PrivacyRequests::verifyIdentity(storage::Connection& c,
                                                               std::string_view publicId,
                                                               const std::string& actor) const {
    auto r = findOpen(c, publicId);
    if (!r) {
        return r.error();
    }
    return changeStatus(c, *r, "in_progress", actor, "identity verified", ", identity_verified = 1",
                        {});
}

common::Result<PrivacyRequest> PrivacyRequests::answer(storage::Connection& c,
                                                       std::string_view publicId, bool refused,
                                                       const std::string& text,
                                                       const std::string& actor) const {
    auto r = findOpen(c, publicId);
    if (!r) {
        return r.error();
    }
    if (text.size() > kMaxRequestTextBytes) {
        return common::makeError("bad_request", "the answer is longer than 4000 bytes");
    }
    if (refused && text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return common::makeError("reason_required", "a refusal needs a reasoned answer");
    }
    if (!refused && !r->identityVerified) {
        return common::makeError("identity_not_verified",
                                 "verify the requester's identity before answering");
    }
    return changeStatus(c, *r, refused ? "refused" : "answered", actor,
                        refused ? "refused with reasons" : "answered",
                        ", answer = ?, answered_at = ?",
                        {text, common::toUnixMillis(clock_.now())});
}

common::Result<std::int64_t> PrivacyRequests::overdueCount(storage::Connection& c) const {
    auto rows = c.query(
        "SELECT COUNT(*) FROM privacy_requests WHERE status IN ('received', 'in_progress') AND "
        "due_at <= ?",
        {common::toUnixMillis(clock_.now())});
    if (!rows) {
        return rows.error();
    }
    return storage::getInt(rows->front(), 0);
}

}  // namespace vp::services::privacy
