#pragma once
// The cells of a backup's rows as JSON (one JSON array per row): NULL, integers, reals
// and text as themselves, a blob as {"b": base64}, and a cell sealed under its
// account's key (crypto-shredding) as {"k": account id, "s": base64 of nonce and
// ciphertext of the cell's own JSON, "p": pseudonym (tables anonymised at cancellation)}.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "common/result.hpp"
#include "services/privacy/account_keys.hpp"
#include "storage/sql_value.hpp"

namespace vp::services::privacy {

boost::json::value cellToJson(const storage::SqlValue& value);
// "backup.corrupt" for JSON that no cell produces (a sealed cell included).
common::Result<storage::SqlValue> cellFromJson(const boost::json::value& json);

boost::json::value sealCell(const storage::SqlValue& value, std::int64_t owner,
                            const AccountKey& key, std::string_view context,
                            const std::optional<std::string>& pseudonym);

struct SealedCell {
    std::int64_t owner = 0;
    std::string sealed;  // nonce | ciphertext
    std::optional<std::string> pseudonym;
};
// nullopt when `json` is not a sealed cell.
std::optional<SealedCell> asSealedCell(const boost::json::value& json);
common::Result<storage::SqlValue> openCell(const SealedCell& cell, const AccountKey& key,
                                           std::string_view context);

std::string toBase64(std::string_view bytes);
std::optional<std::string> fromBase64(std::string_view text);

}  // namespace vp::services::privacy
