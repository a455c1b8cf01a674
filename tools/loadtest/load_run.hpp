#pragma once
// One load run: set up the target's peers on media loops, wait for every
// transport to connect, send for --duration while sampling the server process,
// drain, and collect the report.
#include "common/result.hpp"
#include "tools/loadtest/options.hpp"
#include "tools/loadtest/report.hpp"

namespace vp::tools::loadtest {

common::Result<RunReport> runLoad(const LoadOptions& options);

}  // namespace vp::tools::loadtest
