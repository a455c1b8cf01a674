#include "services/privacy/category_erasure.hpp"

#include "common/json_escape.hpp"
#include "services/privacy/subject_rows.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::ErasableCategory;

}  // namespace

common::Result<std::int64_t> CategoryErasure::eraseWithin(storage::Connection& c,
                                                          std::int64_t userId,
                                                          const ErasableCategory& category,
                                                          const std::string& actor,
                                                          const std::string& why) const {
    const auto* path = domain::privacy::subjectPathFor(paths_, category.table);
    if (path == nullptr) {
        return common::makeError("internal", "no subject path for " + std::string(category.table));
    }
    auto subject = loadSubject(c, userId);
    if (!subject) {
        return subject.error();
    }
    auto filter = subjectFilter(*path, *subject);
    std::int64_t deleted = 0;
    if (filter) {
        std::string sql = "DELETE FROM " + path->table + " WHERE " + filter->where;
        if (!category.condition.empty()) {
            sql += " AND " + std::string(category.condition);
        }
        auto changed = c.executeChanges(sql, filter->params);
        if (!changed) {
            return changed.error();
        }
        deleted = *changed;
    }
    const std::string details = "{\"category\":" + common::jsonString(category.name) +
                                ",\"rows\":" + std::to_string(deleted) +
                                ",\"why\":" + common::jsonString(why) + "}";
    auto entry =
        audit_.appendWithin(c, {actor, "privacy.category.deleted", userRef(userId), details});
    if (!entry) {
        return entry.error();
    }
    return deleted;
}

common::Result<ErasureOutcome> CategoryErasure::ask(storage::Connection& c,
                                                    const ErasureAsk& ask) const {
    const auto* category = domain::privacy::findErasableCategory(ask.category);
    const auto ground = domain::privacy::parseErasureGround(ask.ground);
    if (category == nullptr || !ground) {
        return common::makeError("bad_request",
                                 "category must be profile_extras, avatar or meeting_history and "
                                 "ground one of purpose_achieved, consent_withdrawn, "
                                 "unlawful_processing, other_law");
    }
    if (ask.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return common::makeError("bad_request", "say in a few words why the data should go");
    }
    NewRequest filed{ask.userId,
                     "deletion",
                     ask.channel,
                     ask.contact,
                     "Delete: " + std::string(category->label) + ". Ground: " +
                         std::string(domain::privacy::clauseOf(*ground)) + ". " + ask.reason,
                     ask.identityVerified,
                     ask.actor};
    const ErasureAskedFor erase{std::string(category->name),
                                std::string(domain::privacy::toString(*ground))};
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto request = requests_.file(c, filed, erase);
    if (!request) {
        return request.error();
    }
    ErasureOutcome outcome{std::move(*request), false, 0};
    if (domain::privacy::erasedAtOnce(*ground) && ask.identityVerified) {
        auto deleted = eraseWithin(c, ask.userId, *category, ask.actor,
                                   std::string(domain::privacy::clauseOf(*ground)));
        if (!deleted) {
            return deleted.error();
        }
        auto answered = requests_.answer(
            c, outcome.request.publicId, false,
            "Deleted at once under " + std::string(domain::privacy::clauseOf(*ground)) + ".",
            "system");
        if (!answered) {
            return answered.error();
        }
        outcome = {std::move(*answered), true, *deleted};
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return outcome;
}

common::Result<ErasureOutcome> CategoryErasure::carryOut(storage::Connection& c,
                                                         std::string_view publicId,
                                                         const std::string& answer,
                                                         const std::string& actor) const {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto request = requests_.find(c, publicId);
    if (!request) {
        return request.error();
    }
    const auto* category = request->eraseCategory
                               ? domain::privacy::findErasableCategory(*request->eraseCategory)
                               : nullptr;
    if (category == nullptr || !request->userId) {
        return common::makeError("bad_request", "this request names no category of an account");
    }
    // Answering first checks that the request is open and the identity verified.
    auto answered = requests_.answer(c, publicId, false, answer, actor);
    if (!answered) {
        return answered.error();
    }
    auto deleted = eraseWithin(c, *request->userId, *category, actor,
                               "operator's decision on request " + request->publicId);
    if (!deleted) {
        return deleted.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return ErasureOutcome{std::move(*answered), true, *deleted};
}

void eraseExtrasOnWithdrawal(ConsentLedger& ledger, const CategoryErasure& erasure) {
    const auto* extras = domain::privacy::findErasableCategory("profile_extras");
    ledger.onWithdrawal(ConsentPurpose::ProfileExtras,
                        [&erasure, extras](storage::Connection& c, std::int64_t userId) {
                            auto erased = erasure.eraseWithin(c, userId, *extras, userRef(userId),
                                                              "§6.5 consent withdrawn");
                            return erased ? common::Status{} : common::Status{erased.error()};
                        });
}

}  // namespace vp::services::privacy
