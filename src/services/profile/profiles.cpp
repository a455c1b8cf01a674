#include "services/profile/profiles.hpp"

#include "common/log.hpp"
#include "services/profile/sql_profile_repository.hpp"

namespace vp::services::profile {
namespace {

using domain::accounts::ProfileField;

const common::Logger& log() {
    static const common::Logger logger("profile");
    return logger;
}

// {"fields":["name","address"]}: which fields, never their values.
std::string fieldsJson(const std::vector<ProfileField>& fields) {
    std::string out = "{\"fields\":[";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out += (i == 0 ? "\"" : ",\"") + std::string(toString(fields[i])) + "\"";
    }
    return out + "]}";
}

// Whether a changed field beyond the name now holds a value.
bool storesExtras(const std::vector<ProfileField>& changed,
                  const domain::accounts::Profile& profile) {
    for (const auto field : changed) {
        if (field != ProfileField::Name && profile.get(field)) {
            return true;
        }
    }
    return false;
}

}  // namespace

Profiles::Profiles(ProfilesOptions options, privacy::AuditLog& audit, const common::Clock& clock)
    : options_(options), audit_(audit), clock_(clock), uploads_(options.uploadsPerUser) {}

common::Result<ProfileView> Profiles::view(storage::Connection& c, std::int64_t userId) const {
    SqlProfileRepository profiles(c);
    auto profile = profiles.load(userId);
    if (!profile) {
        return profile.error();
    }
    auto avatar = profiles.avatarInfo(userId);
    if (!avatar) {
        return avatar.error();
    }
    return ProfileView{std::move(*profile), std::move(*avatar)};
}

common::Status Profiles::audited(storage::Connection& c, std::int64_t userId, std::string action,
                                 std::string details,
                                 const std::function<common::Status()>& change) {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    if (auto changed = change(); !changed) {
        return changed;
    }
    const std::string who = privacy::userRef(userId);
    auto entry = audit_.appendWithin(c, {who, std::move(action), who, std::move(details)});
    if (!entry) {
        return entry.error();
    }
    return tx->commit();
}

common::Result<ProfileView> Profiles::correct(
    storage::Connection& c, std::int64_t userId,
    const domain::accounts::ProfileCorrection& correction) {
    SqlProfileRepository profiles(c);
    auto current = profiles.load(userId);
    if (!current) {
        return current.error();
    }
    auto profile = std::move(*current);
    const auto changed = domain::accounts::applyCorrection(profile, correction);
    if (!changed.empty()) {
        profile.updatedAt = common::fromUnixMillis(common::toUnixMillis(clock_.now()));
        auto done =
            audited(c, userId, "profile.corrected", fieldsJson(changed), [&]() -> common::Status {
                if (extrasConsent_ && storesExtras(changed, profile)) {
                    auto allowed = extrasConsent_(c, userId);
                    if (!allowed) {
                        return allowed.error();
                    }
                    if (!*allowed) {
                        return common::makeError("consent_required",
                                                 "storing gender, position, address, company or "
                                                 "department needs your consent to profile extras; "
                                                 "give it on the profile page first");
                    }
                }
                return profiles.save(userId, profile);
            });
        if (!done) {
            return done.error();
        }
        log().info("profile corrected",
                   {{"user", std::to_string(userId)}, {"fields", std::to_string(changed.size())}});
    }
    return view(c, userId);
}

common::Result<domain::accounts::AvatarInfo> Profiles::setAvatar(
    storage::Connection& c, std::int64_t userId, std::span<const std::uint8_t> upload) {
    const std::string key = std::to_string(userId);
    const auto now = clock_.steadyNow();
    if (!uploads_.allowed(key, now)) {
        return common::makeError("rate_limited",
                                 "too many avatar uploads; wait an hour and try again");
    }
    uploads_.recordFailure(key, now);  // every upload counts, accepted or not
    auto encoded = images::makeAvatar(upload, options_.avatar);
    if (!encoded) {
        return encoded.error();
    }
    domain::accounts::StoredAvatar avatar;
    avatar.info = {encoded->mediaType, encoded->width, encoded->height,
                   static_cast<std::int64_t>(encoded->bytes.size()),
                   common::fromUnixMillis(common::toUnixMillis(clock_.now()))};
    avatar.image = std::move(encoded->bytes);
    SqlProfileRepository profiles(c);
    auto done = audited(c, userId, "profile.avatar.replaced", "{}",
                        [&] { return profiles.saveAvatar(userId, avatar); });
    if (!done) {
        return done.error();
    }
    return avatar.info;
}

common::Result<std::optional<domain::accounts::StoredAvatar>> Profiles::avatar(
    storage::Connection& c, std::int64_t userId) const {
    SqlProfileRepository profiles(c);
    return profiles.avatar(userId);
}

common::Status Profiles::removeAvatar(storage::Connection& c, std::int64_t userId) {
    SqlProfileRepository profiles(c);
    return audited(c, userId, "profile.avatar.removed", "{}", [&]() -> common::Status {
        auto gone = profiles.deleteAvatar(userId);
        if (!gone) {
            return gone.error();
        }
        if (!*gone) {
            return common::makeError("not_found", "there is no avatar to remove");
        }
        return {};
    });
}

}  // namespace vp::services::profile
