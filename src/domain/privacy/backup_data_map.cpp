#include "domain/privacy/backup_data_map.hpp"

namespace vp::domain::privacy {

TableDeclaration subjectKeysTable() {
    // "account credentials": the export names the key without copying it.
    const PersonalData key{"account credentials",
                           "crypto-shredding: the account's personal data in backups is "
                           "encrypted under this key, destroyed at cancellation (R-PRIV-7)",
                           "user_id",
                           {std::chrono::days{0}, std::nullopt,
                            "kept while the account exists; deleted at cancellation, which "
                            "makes the account's data in every backup unreadable"},
                           false};
    return {std::string(kSubjectKeysTable),
            "One random key per account for the encryption of its data in backups.",
            {
                personalColumn("user_id", key),
                personalColumn("key_bytes", key),
                personalColumn("created_at", key),
            }};
}

}  // namespace vp::domain::privacy
