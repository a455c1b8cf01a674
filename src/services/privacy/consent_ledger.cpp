#include "services/privacy/consent_ledger.hpp"

namespace vp::services::privacy {
namespace {

common::Result<ConsentRecord> recordFrom(const storage::Row& row) {
    auto id = storage::getInt(row, 0);
    auto subject = storage::getInt(row, 1);
    auto purposeText = storage::getText(row, 2);
    auto granted = storage::getInt(row, 3);
    auto version = storage::getInt(row, 4);
    auto at = storage::getInt(row, 5);
    auto methodText = storage::getText(row, 6);
    auto jurisdiction = storage::getText(row, 7);
    if (!id || !subject || !purposeText || !granted || !version || !at || !methodText ||
        !jurisdiction) {
        return common::Error{"storage.type", "unreadable consents row"};
    }
    auto purpose = domain::privacy::parseConsentPurpose(*purposeText);
    auto method = domain::privacy::parseConsentMethod(*methodText);
    if (!purpose || !method) {
        return common::Error{"storage.type", "consents row with unknown purpose or method"};
    }
    return ConsentRecord{*id,      *subject,
                         *purpose, *granted != 0,
                         *version, common::fromUnixMillis(*at),
                         *method,  std::move(*jurisdiction)};
}

}  // namespace

void ConsentLedger::onWithdrawal(ConsentPurpose purpose, WithdrawalEffect effect) {
    effects_[purpose] = std::move(effect);
}

common::Result<ConsentRecord> ConsentLedger::record(storage::Connection& c,
                                                    const ConsentDecision& decision) const {
    auto effect = effects_.find(decision.purpose);
    if (decision.granted || effect == effects_.end()) {
        return append(c, decision);
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto r = append(c, decision);
    if (!r) {
        return r.error();
    }
    if (auto stopped = effect->second(c, decision.subject); !stopped) {
        return stopped.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return r;
}

common::Result<ConsentRecord> ConsentLedger::append(storage::Connection& c,
                                                    const ConsentDecision& decision) const {
    if (decision.purpose == ConsentPurpose::PolicyAcceptance && !decision.granted) {
        return common::Error{"invalid_consent",
                             "accepting the policy cannot be withdrawn; to stop using the "
                             "service, cancel the account in the Security Center"};
    }
    auto policy = policies_.inForce(c);
    if (!policy) {
        return policy.error();
    }
    if (!*policy) {
        return common::Error{"no_policy", "no privacy policy is published yet"};
    }
    ConsentRecord r{0,
                    decision.subject,
                    decision.purpose,
                    decision.granted,
                    (*policy)->version,
                    clock_.now(),
                    decision.method,
                    decision.jurisdiction};
    auto rows = c.query(
        "INSERT INTO consents (user_id, purpose, granted, policy_version, recorded_at, method, "
        "jurisdiction) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {r.subject, std::string(toString(r.purpose)), std::int64_t{r.granted ? 1 : 0},
         r.policyVersion, common::toUnixMillis(r.recordedAt), std::string(toString(r.method)),
         r.jurisdiction});
    if (!rows) {
        return rows.error();
    }
    auto id = rows->empty() ? common::Result<std::int64_t>(common::Error{"storage", "no id"})
                            : storage::getInt(rows->front(), 0);
    if (!id) {
        return id.error();
    }
    r.id = *id;
    return r;
}

common::Result<std::vector<ConsentRecord>> ConsentLedger::history(storage::Connection& c,
                                                                  std::int64_t subject) const {
    auto rows = c.query(
        "SELECT id, user_id, purpose, granted, policy_version, recorded_at, method, "
        "jurisdiction FROM consents WHERE user_id = ? ORDER BY id",
        {subject});
    if (!rows) {
        return rows.error();
    }
    std::vector<ConsentRecord> out;
    for (const auto& row : *rows) {
        auto r = recordFrom(row);
        if (!r) {
            return r.error();
        }
        out.push_back(std::move(*r));
    }
    return out;
}

common::Result<std::optional<std::int64_t>> ConsentGate::acceptanceRequired(
    storage::Connection& c, std::int64_t subject) const {
    auto versions = policies_.all(c);
    if (!versions) {
        return versions.error();
    }
    auto required = domain::privacy::requiredAcceptance(*versions, policies_.clock().now());
    if (!required) {
        return std::optional<std::int64_t>{};
    }
    auto history = ledger_.history(c, subject);
    if (!history) {
        return history.error();
    }
    if (domain::privacy::hasAccepted(*history, *required)) {
        return std::optional<std::int64_t>{};
    }
    return required;
}

common::Result<bool> ConsentGate::allows(storage::Connection& c, std::int64_t subject,
                                         ConsentPurpose purpose) const {
    if (purpose == ConsentPurpose::PolicyAcceptance) {
        auto required = acceptanceRequired(c, subject);
        if (!required) {
            return required.error();
        }
        return !required->has_value();
    }
    auto history = ledger_.history(c, subject);
    if (!history) {
        return history.error();
    }
    return domain::privacy::isGranted(*history, purpose);
}

}  // namespace vp::services::privacy
