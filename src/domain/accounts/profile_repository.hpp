#pragma once
// Persistence of profiles and avatars (implemented in services/profile on SQL).
#include <chrono>
#include <cstdint>
#include <optional>

#include "common/result.hpp"
#include "domain/accounts/contact.hpp"
#include "domain/accounts/profile.hpp"

namespace vp::domain::accounts {

class ProfileRepository {
  public:
    virtual ~ProfileRepository() = default;
    // The profile of an existing user ("not_found" otherwise); empty fields when he
    // never filled any in.
    virtual common::Result<Profile> load(std::int64_t userId) = 0;
    // Writes every field (the name into the account) and the time of the correction.
    virtual common::Status save(std::int64_t userId, const Profile& profile) = 0;

    virtual common::Result<std::optional<AvatarInfo>> avatarInfo(std::int64_t userId) = 0;
    virtual common::Result<std::optional<StoredAvatar>> avatar(std::int64_t userId) = 0;
    virtual common::Status saveAvatar(std::int64_t userId, const StoredAvatar& avatar) = 0;
    // False when there was none.
    virtual common::Result<bool> deleteAvatar(std::int64_t userId) = 0;

    // The account other than `exceptUserId` that signs in with this email or number.
    virtual common::Result<std::optional<std::int64_t>> contactOwner(const Contact& contact,
                                                                     std::int64_t exceptUserId) = 0;
    // Replaces the user's email or phone (by the contact's channel).
    virtual common::Status setContact(std::int64_t userId, const Contact& contact) = 0;
};

}  // namespace vp::domain::accounts
