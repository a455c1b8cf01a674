#include "api/v1/avatar_response.hpp"

#include <string>

#include "common/clock.hpp"

namespace vp::api::v1 {

Response avatarImageResponse(const Request& request, const domain::accounts::StoredAvatar& avatar) {
    const std::string etag = "\"" + std::to_string(common::toUnixMillis(avatar.info.updatedAt)) +
                             "-" + std::to_string(avatar.info.bytes) + "\"";
    Response response;
    if (request.header("If-None-Match") == std::optional<std::string_view>(etag)) {
        response.status = 304;
    } else {
        response.body.assign(avatar.image.begin(), avatar.image.end());
        response.headers.set("Content-Type", avatar.info.mediaType);
    }
    response.headers.set("ETag", etag);
    response.headers.set("Cache-Control", "private, no-cache");
    response.headers.set("X-Content-Type-Options", "nosniff");
    return response;
}

}  // namespace vp::api::v1
