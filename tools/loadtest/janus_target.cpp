#include "tools/loadtest/janus_target.hpp"

namespace vp::tools::loadtest {

common::Result<std::unique_ptr<TargetSession>> setUpJanus(RunContext&) {
    return common::makeError("loadtest.not_implemented", "the Janus target is not built yet");
}

}  // namespace vp::tools::loadtest
