#pragma once
// libsrtp2 process state: srtp_init() runs exactly once, from whichever thread
// first needs it. Internal to sfu/srtp.
#include "common/result.hpp"

namespace vp::sfu::srtp {

// Initialises libsrtp2 on first call (thread-safe); later calls return the
// first call's outcome.
common::Status ensureSrtpLibrary();

}  // namespace vp::sfu::srtp
