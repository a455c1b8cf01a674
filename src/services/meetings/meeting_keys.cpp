#include "services/meetings/meeting_keys.hpp"

#include <sodium.h>

namespace vp::services::meetings {

MeetingKey hmacSha256(std::span<const std::uint8_t> key, std::string_view data) {
    static_assert(crypto_auth_hmacsha256_BYTES == kMeetingKeyBytes);
    MeetingKey mac{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                  data.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    sodium_memzero(&state, sizeof state);
    return mac;
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

common::Result<MeetingKey> deriveMeetingKey(std::span<const std::uint8_t> master,
                                            std::string_view label) {
    if (master.size() != kMeetingKeyBytes) {
        return common::makeError("meetings.bad_key", "the meetings key must have 32 bytes");
    }
    if (sodium_init() < 0) {
        return common::makeError("meetings.bad_key", "libsodium could not be initialised");
    }
    return hmacSha256(master, label);
}

common::Result<PasscodeHasher> PasscodeHasher::fromMasterKey(std::span<const std::uint8_t> master) {
    auto key = deriveMeetingKey(master, "vp.meetings.passcode.v1");
    if (!key) {
        return key.error();
    }
    PasscodeHasher hasher;
    hasher.key_ = *key;
    return hasher;
}

std::string PasscodeHasher::hash(std::string_view meetingId, std::string_view passcode) const {
    std::string input(meetingId);
    input.push_back('\0');
    input.append(passcode);
    return toHex(hmacSha256(key_, input));
}

bool PasscodeHasher::verify(std::string_view storedHash, std::string_view meetingId,
                            std::string_view passcode) const {
    const std::string computed = hash(meetingId, passcode);
    return computed.size() == storedHash.size() &&
           sodium_memcmp(computed.data(), storedHash.data(), computed.size()) == 0;
}

}  // namespace vp::services::meetings
