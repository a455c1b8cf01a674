// GET/PATCH /api/v1/profile, the avatar, and the change of the sign-in contact.
#include <span>

#include "api/v1/avatar_response.hpp"
#include "api/v1/json_body.hpp"
#include "api/v1/profile_api.hpp"
#include "api/v1/route_support.hpp"
#include "common/mask.hpp"

namespace vp::api::v1 {
namespace {

using domain::accounts::ProfileField;
using services::accounts::Authenticated;
using services::profile::ContactChanges;
using services::profile::Profiles;
using services::profile::ProfileView;

struct ProfileContext {
    RouteContextPtr route;
    Profiles& profiles;
    ContactChanges& contacts;
};
using ProfileContextPtr = std::shared_ptr<const ProfileContext>;

boost::json::value optionalJson(const std::optional<std::string>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object avatarJson(const domain::accounts::AvatarInfo& a) {
    boost::json::object o;
    // The version in the URL changes with the image, so caches never show an old one.
    o["url"] = "/api/v1/profile/avatar?v=" + std::to_string(common::toUnixMillis(a.updatedAt));
    o["mediaType"] = a.mediaType;
    o["width"] = a.width;
    o["height"] = a.height;
    o["bytes"] = a.bytes;
    o["updatedAt"] = isoTime(a.updatedAt);
    return o;
}

Response profileResponse(const ProfileView& view, domain::accounts::User user) {
    boost::json::object p;
    for (ProfileField f : domain::accounts::allProfileFields()) {
        p[toString(f)] = optionalJson(view.profile.get(f));
    }
    p["updatedAt"] = view.profile.updatedAt ? boost::json::value(isoTime(*view.profile.updatedAt))
                                            : boost::json::value(nullptr);
    p["avatar"] =
        view.avatar ? boost::json::value(avatarJson(*view.avatar)) : boost::json::value(nullptr);
    user.displayName = view.profile.name;
    boost::json::object body;
    body["profile"] = std::move(p);
    body["user"] = userJson(user);
    Response response = jsonResponse(200, body);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

// {"name": "Ada", "address": null, ...}: known fields only, strings or null.
common::Result<domain::accounts::ProfileCorrection> parseCorrection(std::string_view text) {
    auto body = parseObject(text);
    if (!body) {
        return body.error();
    }
    domain::accounts::ProfileCorrection correction;
    for (const auto& [key, value] : *body) {
        const auto field = domain::accounts::parseProfileField(key);
        if (!field) {
            return common::makeError("bad_request",
                                     "unknown profile field '" + std::string(key).substr(0, 32) +
                                         "'; the fields are name, gender, position, address, "
                                         "company and department");
        }
        if (value.is_null()) {
            correction[*field] = std::nullopt;
            continue;
        }
        if (!value.is_string()) {
            return common::makeError("bad_request", "the " + std::string(toString(*field)) +
                                                        " must be a string or null");
        }
        auto normalized = domain::accounts::normalizeProfileValue(*field, value.as_string());
        if (!normalized) {
            return normalized.error();
        }
        correction[*field] = std::move(*normalized);
    }
    return correction;
}

Response viewed(storage::Connection& c, const ProfileContext& context, const Authenticated& who) {
    auto view = context.profiles.view(c, who.user.id);
    return view ? profileResponse(*view, who.user) : errorResponse(view.error());
}

Response corrected(storage::Connection& c, const ProfileContext& context, const Request& request,
                   const Authenticated& who) {
    auto correction = parseCorrection(request.body);
    if (!correction) {
        return errorResponse(correction.error());
    }
    auto view = context.profiles.correct(c, who.user.id, *correction);
    return view ? profileResponse(*view, who.user) : errorResponse(view.error());
}

Response avatarUploaded(storage::Connection& c, const ProfileContext& context,
                        const Request& request, const Authenticated& who) {
    if (request.body.empty()) {
        return Response::error(400, "invalid_image",
                               "send the image (JPEG, PNG or WebP) as the request body");
    }
    const std::span<const std::uint8_t> bytes(
        reinterpret_cast<const std::uint8_t*>(request.body.data()), request.body.size());
    auto stored = context.profiles.setAvatar(c, who.user.id, bytes);
    if (!stored) {
        return errorResponse(stored.error());
    }
    return viewed(c, context, who);
}

Response avatarImage(storage::Connection& c, const ProfileContext& context, const Request& request,
                     const Authenticated& who) {
    auto avatar = context.profiles.avatar(c, who.user.id);
    if (!avatar) {
        return errorResponse(avatar.error());
    }
    if (!*avatar) {
        return Response::error(404, "not_found", "you have no avatar");
    }
    return avatarImageResponse(request, **avatar);
}

Response avatarRemoved(storage::Connection& c, const ProfileContext& context,
                       const Authenticated& who) {
    if (auto removed = context.profiles.removeAvatar(c, who.user.id); !removed) {
        return errorResponse(removed.error());
    }
    Response response = Response::text(204, "");
    response.headers.remove("Content-Type");
    return response;
}

std::string masked(const domain::accounts::Contact& contact) {
    return contact.channel == domain::accounts::Channel::Email ? common::maskEmail(contact.value)
                                                               : common::maskPhone(contact.value);
}

Response contactCodesSent(storage::Connection& c, const ProfileContext& context,
                          const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto target = requiredString(*body, "newTarget", 320);
    if (!target) {
        return errorResponse(target.error());
    }
    auto sent = context.contacts.requestCodes(c, who.user, *target, request.clientIp);
    if (!sent) {
        return errorResponse(sent.error());
    }
    if (context.route->options.onMessageQueued) {
        context.route->options.onMessageQueued();
    }
    // The same answer whoever owns the new address.
    boost::json::object out;
    out["status"] = "sent";
    out["current"] = masked(sent->current);
    out["new"] = masked(sent->next);
    out["message"] =
        "A code is on its way to your current address and another to the new one. Both are "
        "valid for 10 minutes.";
    return jsonResponse(202, out);
}

Response contactChanged(storage::Connection& c, const ProfileContext& context,
                        const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto target = requiredString(*body, "newTarget", 320);
    auto currentCode = requiredString(*body, "currentCode", 16);
    auto newCode = requiredString(*body, "newCode", 16);
    if (!target || !currentCode || !newCode) {
        return errorResponse(!target ? target.error()
                                     : (!currentCode ? currentCode.error() : newCode.error()));
    }
    auto user = context.contacts.confirm(
        c, who.user, who.session.id,
        {std::move(*target), std::move(*currentCode), std::move(*newCode)});
    if (!user) {
        return errorResponse(user.error());
    }
    boost::json::object out;
    out["user"] = userJson(*user);
    Response response = jsonResponse(200, out);
    renewSessionNow(c, *context.route, request, who, response);
    return response;
}

// A signed-in handler of the profile routes.
template <typename Fn>
Handler signedIn(const ProfileContextPtr& context, Fn fn) {
    return forSignedIn(context->route, [context, fn](storage::Connection& c, const Request& request,
                                                     const Authenticated& who) {
        return fn(c, *context, request, who);
    });
}

}  // namespace

void addProfileRoutes(Router& router, storage::DbPool& pool, services::accounts::Accounts& accounts,
                      Profiles& profiles, ContactChanges& contactChanges,
                      AccountsApiOptions options) {
    auto route =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context =
        std::make_shared<const ProfileContext>(ProfileContext{route, profiles, contactChanges});
    router.add("GET", "/api/v1/profile",
               signedIn(context,
                        [](auto& c, auto& ctx, auto&, auto& who) { return viewed(c, ctx, who); }));
    router.add("PATCH", "/api/v1/profile", signedIn(context, corrected));
    router.add("POST", "/api/v1/profile/avatar", signedIn(context, avatarUploaded),
               profiles.options().avatar.maxBytes);
    router.add("GET", "/api/v1/profile/avatar", signedIn(context, avatarImage));
    router.add("DELETE", "/api/v1/profile/avatar",
               signedIn(context, [](auto& c, auto& ctx, auto&, auto& who) {
                   return avatarRemoved(c, ctx, who);
               }));
    router.add("POST", "/api/v1/profile/contact/codes", signedIn(context, contactCodesSent));
    router.add("POST", "/api/v1/profile/contact", signedIn(context, contactChanged));
}

}  // namespace vp::api::v1
