#pragma once
// An avatar as an HTTP answer: the image with a strong ETag, revalidated on every
// use (private, no-cache), or 304 when the client's copy is current.
#include "api/request.hpp"
#include "api/response.hpp"
#include "domain/accounts/profile.hpp"

namespace vp::api::v1 {

Response avatarImageResponse(const Request& request, const domain::accounts::StoredAvatar& avatar);

}  // namespace vp::api::v1
