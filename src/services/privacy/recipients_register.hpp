#pragma once
// The register of recipients of personal information (R-PRIV-9) in
// `privacy_recipients`: operators add and remove entries, everyone may read it.
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/recipients.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::Recipient;

// Category lists as stored: one category per line.
std::string joinCategories(const std::vector<std::string>& categories);
std::vector<std::string> splitCategories(const std::string& stored);

class RecipientsRegister {
  public:
    RecipientsRegister(const domain::privacy::DataMap& map, const common::Clock& clock)
        : map_(map), clock_(clock) {}

    // Errors: "invalid_recipient", "register_full" (kMaxRecipients entries).
    common::Result<Recipient> add(storage::Connection& c, Recipient draft) const;
    // Every entry, oldest first.
    common::Result<std::vector<Recipient>> all(storage::Connection& c) const;
    // Errors: "not_found".
    common::Status remove(storage::Connection& c, std::int64_t id) const;

  private:
    const domain::privacy::DataMap& map_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
