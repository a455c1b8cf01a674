#pragma once
// Data-map declarations of the profile tables (migration 0008): user_profiles and
// user_avatars. Part of videoproDataMap().
#include "domain/privacy/data_map.hpp"

namespace vp::domain::accounts {

privacy::TableDeclaration userProfilesTable();
privacy::TableDeclaration userAvatarsTable();

}  // namespace vp::domain::accounts
