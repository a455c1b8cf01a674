#pragma once
// The meeting mode (--meeting ID): --participants peers join ONE meeting through
// the real meeting signalling (docs/meeting-protocol.md): POST
// /api/v1/meetings/{id}/join as a named guest for a join token, `joinMeeting` over
// /ws, then each publishes Opus + VP8 and consumes every other participant's
// producers. Joins are sequential, like people arriving; each participant's join
// times are recorded (to the joinMeeting reply, and to consuming everybody already
// in the meeting with its transports set up).
#include <memory>

#include "common/result.hpp"
#include "tools/loadtest/report.hpp"
#include "tools/loadtest/run_context.hpp"

namespace vp::tools::loadtest {

common::Result<std::unique_ptr<TargetSession>> setUpMeeting(RunContext& context,
                                                            MeetingJoins& joins);

}  // namespace vp::tools::loadtest
