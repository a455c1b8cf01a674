#pragma once
// Random public identifiers (32 lowercase hex digits, 128 bits from the CSPRNG) for
// rows whose id appears in links: exports, privacy requests. Unguessable, unlike the
// sequential row ids.
#include <string>
#include <string_view>

#include "common/random.hpp"

namespace vp::services::privacy {

std::string randomPublicId(common::Random& random);
bool wellFormedPublicId(std::string_view id);

}  // namespace vp::services::privacy
