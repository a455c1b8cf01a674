#pragma once
// The ready file: once serving, the bound addresses as JSON, so scripts and tests
// that start the service on port 0 know where it is.
#include <string>

#include "common/result.hpp"

namespace vp::app::commands {

struct ReadyInfo {
    std::string httpUrl;
};

// Written to a temporary name and renamed, so a reader never sees half a file.
common::Status writeReadyFile(const std::string& path, const ReadyInfo& info);

}  // namespace vp::app::commands
