#pragma once
// One-time codes on either backend (table one_time_codes), in portable SQL.
#include "domain/accounts/one_time_code_repository.hpp"
#include "storage/connection.hpp"

namespace vp::services::codes {

class SqlOneTimeCodeRepository final : public domain::accounts::OneTimeCodeRepository {
  public:
    explicit SqlOneTimeCodeRepository(storage::Connection& connection) : connection_(connection) {}

    common::Result<std::int64_t> insert(const domain::accounts::StoredCode& code) override;
    common::Result<domain::accounts::IssueHistory> history(const std::string& target,
                                                           const std::string& requesterIp,
                                                           TimePoint since) override;
    common::Result<std::optional<domain::accounts::StoredCode>> newest(
        const std::string& target, domain::accounts::CodePurpose purpose) override;
    common::Result<bool> reserveAttempt(std::int64_t id, int maxAttempts) override;
    common::Result<bool> consume(std::int64_t id, TimePoint now) override;
    common::Result<std::int64_t> deleteCreatedBefore(TimePoint cutoff) override;

  private:
    common::Result<std::int64_t> count(std::string_view sql, const std::string& key,
                                       TimePoint since);

    storage::Connection& connection_;
};

}  // namespace vp::services::codes
