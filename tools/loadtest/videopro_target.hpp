#pragma once
// The load against a VideoPro server: each publisher and subscriber is one peer
// on its own signalling WebSocket (join, createWebRtcTransport,
// connectWebRtcTransport with our fingerprint, produce / consume + resumeConsumer)
// and one WebRtcClient driven by a MediaLoop.
#include <memory>

#include "common/result.hpp"
#include "tools/loadtest/run_context.hpp"

namespace vp::tools::loadtest {

common::Result<std::unique_ptr<TargetSession>> setUpVideoPro(RunContext& context);

}  // namespace vp::tools::loadtest
