#include "services/privacy/account_keys.hpp"

#include <sodium.h>

#include <algorithm>

namespace vp::services::privacy {
namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

common::Status ensureAccountKeys(storage::Connection& c, const common::Clock& clock) {
    if (sodium_init() < 0) {
        return common::makeError("backup.bad_key", "libsodium could not be initialised");
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto missing = c.query(
        "SELECT u.id FROM users u LEFT JOIN subject_keys k ON k.user_id = u.id "
        "WHERE k.user_id IS NULL");
    if (!missing) {
        return missing.error();
    }
    for (const auto& row : *missing) {
        AccountKey key{};
        randombytes_buf(key.data(), key.size());
        auto stored = storeAccountKey(c, storage::getInt(row, 0).valueOr(0), key, clock);
        sodium_memzero(key.data(), key.size());
        if (!stored) {
            return stored;
        }
    }
    return tx->commit();
}

common::Result<AccountKeys> loadAccountKeys(storage::Connection& c) {
    auto rows = c.query("SELECT user_id, key_bytes FROM subject_keys");
    if (!rows) {
        return rows.error();
    }
    AccountKeys keys;
    for (const auto& row : *rows) {
        auto id = storage::getInt(row, 0);
        auto blob = storage::getBlob(row, 1);
        if (!id || !blob || blob->size() != AccountKey{}.size()) {
            return common::makeError("backup.bad_key", "an account key is not 32 bytes");
        }
        std::copy(blob->begin(), blob->end(), keys[*id].begin());
    }
    return keys;
}

common::Status storeAccountKey(storage::Connection& c, std::int64_t userId, const AccountKey& key,
                               const common::Clock& clock) {
    return c.execute(
        "INSERT INTO subject_keys (user_id, key_bytes, created_at) VALUES (?, ?, ?)",
        {userId, storage::Blob(key.begin(), key.end()), common::toUnixMillis(clock.now())});
}

std::string sealWithAccountKey(const AccountKey& key, std::string_view context,
                               std::string_view plain) {
    std::string out(kNonce + plain.size() + kTag, '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, kNonce);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &length, bytes(plain), plain.size(),
                                               bytes(context), context.size(), nullptr, nonce,
                                               key.data());
    return out;
}

common::Result<std::string> openWithAccountKey(const AccountKey& key, std::string_view context,
                                               std::string_view sealed) {
    if (sealed.size() < kNonce + kTag) {
        return common::makeError("backup.corrupt", "a sealed cell is too short");
    }
    std::string plain(sealed.size() - kNonce - kTag, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
            bytes(sealed) + kNonce, sealed.size() - kNonce, bytes(context), context.size(),
            bytes(sealed), key.data()) != 0) {
        return common::makeError("backup.corrupt", "a sealed cell does not open under its key");
    }
    return plain;
}

}  // namespace vp::services::privacy
