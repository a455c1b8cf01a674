#include "signaling/dispatcher.hpp"

#include <exception>

namespace vp::signaling {

Dispatcher::Dispatcher(std::shared_ptr<const MethodTable> table, DispatcherLimits limits,
                       const common::Clock& clock)
    : table_(std::move(table)), limits_(limits), clock_(clock) {}

bool Dispatcher::withinRate(PeerState& peer) const {
    const auto now = clock_.steadyNow();
    if (peer.framesInWindow == 0 || now - peer.windowStart >= std::chrono::seconds{1}) {
        peer.windowStart = now;
        peer.framesInWindow = 0;
    }
    return ++peer.framesInWindow <= limits_.maxFramesPerSecond;
}

void Dispatcher::onFrame(const ChannelPtr& channel, PeerState& peer, std::string_view frame) const {
    ParseOutcome parsed = parseRequest(frame, limits_.parse);
    if (auto* failure = std::get_if<ParseFailure>(&parsed)) {
        channel->send(failure->id
                          ? encodeReply(*failure->id, Outcome{false, nullptr, failure->error})
                          : encodeErrorWithoutId(failure->error));
        if (++peer.badFrames > limits_.maxBadFrames) {
            channel->close(kClosePolicyViolation, "too many malformed messages");
        }
        return;
    }
    Call call{std::move(std::get<Request>(parsed)), channel};
    if (!withinRate(peer)) {
        channel->send(encodeReply(
            call.request.id,
            Outcome::failure("rate_limited", "Too many messages on this connection; at most " +
                                                 std::to_string(limits_.maxFramesPerSecond) +
                                                 " per second.")));
        return;
    }
    const MethodHandler* handler = table_->find(call.request.method);
    if (handler == nullptr) {
        channel->send(encodeReply(
            call.request.id, Outcome::failure("unknown_method", "There is no method named " +
                                                                    call.request.method + ".")));
        return;
    }
    RequestId id = call.request.id;
    Respond respond = [channel, id](Outcome outcome) { channel->send(encodeReply(id, outcome)); };
    try {
        (*handler)(call, std::move(respond));
    } catch (const std::exception&) {
        channel->send(encodeReply(id, Outcome::failure("internal", "The server failed; retry.")));
    }
}

}  // namespace vp::signaling
