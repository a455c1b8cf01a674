# Writes OUTPUT (a header) holding the JSON file INPUT as a string_view constant.
file(READ ${INPUT} json)
string(FIND "${json}" ")vp_openapi\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )vp_openapi\"")
endif()
file(WRITE ${OUTPUT}.tmp "// Generated from docs/api/openapi.json by embed_openapi.cmake.\n#pragma once\n#include <string_view>\n\nnamespace vp::api::v1 {\ninline constexpr std::string_view kOpenApiJson = R\"vp_openapi(${json})vp_openapi\";\n}  // namespace vp::api::v1\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
