#pragma once
// The per-account keys of crypto-shredding (table subject_keys, migration 0013): a
// random 32-byte key per account, made before a backup for every account that has
// none, deleted with the account at cancellation. Cells of a backup are sealed under
// them with XChaCha20-Poly1305; the table and column are authenticated with the cell,
// so a sealed cell cannot be moved to another column unnoticed.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using AccountKey = std::array<std::uint8_t, 32>;
using AccountKeys = std::map<std::int64_t, AccountKey>;

// Gives every account without a key a new one (its own transaction).
common::Status ensureAccountKeys(storage::Connection& c, const common::Clock& clock);
// Every key of the table.
common::Result<AccountKeys> loadAccountKeys(storage::Connection& c);
// Stores `key` for `userId` (a restore copies the restored accounts' keys).
common::Status storeAccountKey(storage::Connection& c, std::int64_t userId, const AccountKey& key,
                               const common::Clock& clock);

// nonce | ciphertext of `plain`, bound to `context` ("table.column").
std::string sealWithAccountKey(const AccountKey& key, std::string_view context,
                               std::string_view plain);
// "backup.corrupt" when the cell does not open.
common::Result<std::string> openWithAccountKey(const AccountKey& key, std::string_view context,
                                               std::string_view sealed);

}  // namespace vp::services::privacy
