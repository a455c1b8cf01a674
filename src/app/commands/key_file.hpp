#pragma once
// A 32-byte secret key file under <data.dir>/keys/: created on first start (mode
// 0600, CSPRNG bytes), refused when of the wrong size or readable by others.
#include <array>
#include <cstdint>
#include <string>

#include "common/result.hpp"

namespace vp::app::commands {

using KeyBytes = std::array<std::uint8_t, 32>;

// `label` names the key in error messages ("meetings key").
common::Result<KeyBytes> loadOrCreateKeyFile(const std::string& path, const std::string& label);

}  // namespace vp::app::commands
