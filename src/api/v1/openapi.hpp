#pragma once
// The OpenAPI 3.1 document of the HTTP API. Its source of truth is
// docs/api/openapi.json (docs/api/openapi.yaml is generated from it), embedded into
// the binary at build time and served at GET /api/openapi.json.
#include <string_view>

#include "api/router.hpp"

namespace vp::api::v1 {

std::string_view openApiDocument();

// GET /api/openapi.json
void addOpenApiRoute(Router& router);

}  // namespace vp::api::v1
