#pragma once
// Data-map declaration of the per-account backup keys (migration 0013): subject_keys.
// Part of videoproDataMap().
#include <string_view>

#include "domain/privacy/data_map.hpp"

namespace vp::domain::privacy {

inline constexpr std::string_view kSubjectKeysTable = "subject_keys";

TableDeclaration subjectKeysTable();

}  // namespace vp::domain::privacy
