#pragma once
// The same load through Janus's VideoRoom plugin over its HTTP JSON API: a
// session, one handle per publisher (join as publisher + SDP offer) and per
// subscriber (join as subscriber, answer Janus's offer, start).
#include <memory>

#include "common/result.hpp"
#include "tools/loadtest/run_context.hpp"

namespace vp::tools::loadtest {

common::Result<std::unique_ptr<TargetSession>> setUpJanus(RunContext& context);

}  // namespace vp::tools::loadtest
