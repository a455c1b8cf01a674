#include "signaling/ping.hpp"

namespace vp::signaling {

common::Status addPing(MethodTable& table, const common::Clock& clock) {
    return table.add("ping", [&clock](const Call&, Respond respond) {
        boost::json::object data;
        data["time"] = common::toUnixMillis(clock.now());
        respond(Outcome::success(std::move(data)));
    });
}

}  // namespace vp::signaling
