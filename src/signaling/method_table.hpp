#pragma once
// The method table: method name -> handler. Data, not an if/else chain.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "signaling/message.hpp"

namespace vp::signaling {

// The peer of a signalling conversation: a WebSocket in production. Thread-safe.
class Channel {
  public:
    virtual ~Channel() = default;
    virtual void send(std::string text) = 0;
    virtual void close(std::uint16_t code, std::string reason) = 0;
    virtual std::uint64_t id() const = 0;
    // The peer's IP address when known (per-IP bounds), else "".
    virtual std::string remoteAddress() const { return {}; }
};

using ChannelPtr = std::shared_ptr<Channel>;

struct Call {
    Request request;
    ChannelPtr channel;
};

// Sends the reply to a call; call it once, from any thread.
using Respond = std::function<void(Outcome)>;
using MethodHandler = std::function<void(const Call&, Respond)>;

class MethodTable {
  public:
    // Fails when the method is already registered.
    common::Status add(std::string method, MethodHandler handler);
    const MethodHandler* find(std::string_view method) const;
    std::vector<std::string> methods() const;

  private:
    std::map<std::string, MethodHandler, std::less<>> handlers_;
};

}  // namespace vp::signaling
