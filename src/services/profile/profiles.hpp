#pragma once
// Profiles (R-ACC-4; correction with an audit record, R-PRIV-4 / issue 7 item 3): the
// user views and corrects his profile fields and sets or removes his avatar. Every
// change appends an audit record in the same transaction, naming the fields that
// changed and never their values. Methods run on the caller's connection, i.e. on a
// DbPool thread; safe to call from several pool threads at once.
//
// Error codes: invalid_profile, consent_required, not_found, rate_limited, and the images' codes
// (unsupported_image, invalid_image, image_too_large, image_dimensions_too_large);
// storage errors otherwise.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/accounts/attempt_limiter.hpp"
#include "domain/accounts/profile.hpp"
#include "services/images/avatar_image.hpp"
#include "services/privacy/audit_log.hpp"
#include "storage/connection.hpp"

namespace vp::services::profile {

struct ProfileView {
    domain::accounts::Profile profile;
    std::optional<domain::accounts::AvatarInfo> avatar;
};

struct ProfilesOptions {
    images::AvatarLimits avatar;
    // Avatar uploads per user (each one is decoded and re-encoded).
    domain::accounts::AttemptLimit uploadsPerUser{30, std::chrono::hours{1}};
};

class Profiles {
  public:
    // References must outlive this object.
    Profiles(ProfilesOptions options, privacy::AuditLog& audit, const common::Clock& clock);

    common::Result<ProfileView> view(storage::Connection& c, std::int64_t userId) const;
    // Applies a validated correction (see parseCorrection); unchanged fields are
    // neither written nor audited.
    common::Result<ProfileView> correct(storage::Connection& c, std::int64_t userId,
                                        const domain::accounts::ProfileCorrection& correction);

    // Checks, re-encodes (services/images) and stores the avatar.
    common::Result<domain::accounts::AvatarInfo> setAvatar(storage::Connection& c,
                                                           std::int64_t userId,
                                                           std::span<const std::uint8_t> upload);
    common::Result<std::optional<domain::accounts::StoredAvatar>> avatar(storage::Connection& c,
                                                                         std::int64_t userId) const;
    // "not_found" when there is none.
    common::Status removeAvatar(storage::Connection& c, std::int64_t userId);

    const ProfilesOptions& options() const { return options_; }

    // Whether the user consents to "profile extras" (R-PRIV-2), asked in the
    // correction's transaction before a non-empty gender, position, address, company
    // or department is stored; "consent_required" when not. Unset: no check (tests of
    // the profile alone). Set while wiring, before use.
    using ExtrasConsent = std::function<common::Result<bool>(storage::Connection&, std::int64_t)>;
    void requireExtrasConsent(ExtrasConsent check) { extrasConsent_ = std::move(check); }

  private:
    common::Status audited(storage::Connection& c, std::int64_t userId, std::string action,
                           std::string details, const std::function<common::Status()>& change);

    ProfilesOptions options_;
    privacy::AuditLog& audit_;
    const common::Clock& clock_;
    domain::accounts::AttemptLimiter uploads_;
    ExtrasConsent extrasConsent_;
};

}  // namespace vp::services::profile
