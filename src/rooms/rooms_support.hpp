#pragma once
// Small helpers shared by RoomService's files: the component's logger and the
// reply for an Error.
#include "common/log.hpp"
#include "common/result.hpp"
#include "signaling/message.hpp"

namespace vp::rooms {

inline const common::Logger& roomsLog() {
    static const common::Logger logger("rooms");
    return logger;
}

inline signaling::Outcome failure(const common::Error& error) {
    return signaling::Outcome{false, nullptr, error};
}

}  // namespace vp::rooms
