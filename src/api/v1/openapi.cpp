#include "api/v1/openapi.hpp"

#include "api/v1/openapi_document.hpp"

namespace vp::api::v1 {

std::string_view openApiDocument() {
    return kOpenApiJson;
}

void addOpenApiRoute(Router& router) {
    router.add("GET", "/api/openapi.json", [](const Request&, Reply reply) {
        Response response = Response::json(200, std::string(kOpenApiJson));
        response.headers.set("Cache-Control", "no-cache");
        reply(std::move(response));
    });
}

}  // namespace vp::api::v1
