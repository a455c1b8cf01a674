#include "domain/accounts/profile_data_map.hpp"

namespace vp::domain::accounts {
namespace {

using privacy::notPersonalColumn;
using privacy::personalColumn;
using privacy::PersonalData;
using privacy::Retention;

// The user fills the profile in and corrects it himself; it goes with the account
// (ON DELETE CASCADE).
Retention whileTheAccountExists() {
    return {std::chrono::days{0}, std::nullopt,
            "kept while the account exists; the user corrects or clears it at any time; "
            "erased with the account (R-PRIV-5)"};
}

}  // namespace

privacy::TableDeclaration userProfilesTable() {
    const PersonalData extras{"profile",
                              "optional profile details the user chose to add (policy §2.1(3), "
                              "R-ACC-4)",
                              "user_id", whileTheAccountExists(), false};
    return {"user_profiles",
            "Optional profile fields: gender, position, address, company, department.",
            {
                personalColumn("user_id", extras),
                personalColumn("gender", extras),
                personalColumn("position", extras),
                personalColumn("address", extras),
                personalColumn("company", extras),
                personalColumn("department", extras),
                personalColumn("updated_at", extras),
            }};
}

privacy::TableDeclaration userAvatarsTable() {
    const PersonalData picture{"profile picture",
                               "show the user's avatar to him and to people he meets (R-ACC-4)",
                               "user_id", whileTheAccountExists(), false};
    return {"user_avatars",
            "The avatar: a re-encoded JPEG of at most 512 x 512 pixels, without metadata.",
            {
                personalColumn("user_id", picture),
                notPersonalColumn("media_type", "image format of the stored avatar"),
                notPersonalColumn("width", "pixel width of the stored avatar"),
                notPersonalColumn("height", "pixel height of the stored avatar"),
                personalColumn("image", picture),
                personalColumn("updated_at", picture),
            }};
}

}  // namespace vp::domain::accounts
