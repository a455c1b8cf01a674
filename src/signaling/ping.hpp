#pragma once
// `ping`: answers {time: <server unix ms>}; lets clients measure round trips and
// clock offset, and lets tests exercise the signalling path end to end.
#include "common/clock.hpp"
#include "common/result.hpp"
#include "signaling/method_table.hpp"

namespace vp::signaling {

// `clock` must outlive the table.
common::Status addPing(MethodTable& table, const common::Clock& clock);

}  // namespace vp::signaling
