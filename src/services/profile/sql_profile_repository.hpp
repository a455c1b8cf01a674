#pragma once
// Profiles and avatars on either backend (users.display_name, user_profiles,
// user_avatars), in portable SQL.
#include "domain/accounts/profile_repository.hpp"
#include "storage/connection.hpp"

namespace vp::services::profile {

class SqlProfileRepository final : public domain::accounts::ProfileRepository {
  public:
    explicit SqlProfileRepository(storage::Connection& connection) : connection_(connection) {}

    common::Result<domain::accounts::Profile> load(std::int64_t userId) override;
    common::Status save(std::int64_t userId, const domain::accounts::Profile& profile) override;
    common::Result<std::optional<domain::accounts::AvatarInfo>> avatarInfo(
        std::int64_t userId) override;
    common::Result<std::optional<domain::accounts::StoredAvatar>> avatar(
        std::int64_t userId) override;
    common::Status saveAvatar(std::int64_t userId,
                              const domain::accounts::StoredAvatar& avatar) override;
    common::Result<bool> deleteAvatar(std::int64_t userId) override;
    common::Result<std::optional<std::int64_t>> contactOwner(
        const domain::accounts::Contact& contact, std::int64_t exceptUserId) override;
    common::Status setContact(std::int64_t userId,
                              const domain::accounts::Contact& contact) override;

  private:
    common::Result<std::optional<domain::accounts::StoredAvatar>> readAvatar(std::int64_t userId,
                                                                             bool withImage);
    storage::Connection& connection_;
};

}  // namespace vp::services::profile
