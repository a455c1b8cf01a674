#pragma once
// The WebSocket seam between the edge and feature code: no Beast types.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/request.hpp"

namespace vp::api {

// Close codes used by the edge (RFC 6455 §7.4.1).
namespace close_code {
inline constexpr std::uint16_t kNormal = 1000;
inline constexpr std::uint16_t kGoingAway = 1001;
inline constexpr std::uint16_t kProtocolError = 1002;
inline constexpr std::uint16_t kPolicyViolation = 1008;
inline constexpr std::uint16_t kTooBig = 1009;
}  // namespace close_code

// One open WebSocket. Every member is safe to call from any thread; calls after
// the socket closed are ignored.
class WebSocketSession {
  public:
    virtual ~WebSocketSession() = default;

    // Queues a text message. One write is in flight at a time; when the bounded
    // queue (ServerOptions::wsMaxQueuedMessages) is full the socket is closed with
    // 1008, since a peer that cannot keep up must not grow server memory.
    virtual void send(std::string text) = 0;
    virtual void close(std::uint16_t code, std::string reason) = 0;

    // Unique per server run.
    virtual std::uint64_t id() const = 0;
    // The HTTP upgrade request (path, query, headers such as Cookie, client IP).
    virtual const Request& upgradeRequest() const = 0;
};

using WebSocketSessionPtr = std::shared_ptr<WebSocketSession>;

// Callbacks for one WebSocket endpoint. For one session they run one at a time, in
// order (onOpen, onText..., onClose); different sessions run concurrently.
class WebSocketHandler {
  public:
    virtual ~WebSocketHandler() = default;
    virtual void onOpen(const WebSocketSessionPtr& session) = 0;
    virtual void onText(const WebSocketSessionPtr& session, std::string_view text) = 0;
    virtual void onClose(const WebSocketSessionPtr& session) = 0;
};

}  // namespace vp::api
