#pragma once
// Binds the signalling dispatcher to a WebSocket endpoint (registered at /ws).
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "api/websocket.hpp"
#include "signaling/dispatcher.hpp"

namespace vp::api {

class SignalingEndpoint final : public WebSocketHandler {
  public:
    explicit SignalingEndpoint(std::shared_ptr<const signaling::MethodTable> table,
                               signaling::DispatcherLimits limits = {});

    void onOpen(const WebSocketSessionPtr& session) override;
    void onText(const WebSocketSessionPtr& session, std::string_view text) override;
    void onClose(const WebSocketSessionPtr& session) override;

    std::size_t openChannels() const;

  private:
    struct Peer {
        signaling::ChannelPtr channel;
        signaling::PeerState state;
    };

    signaling::Dispatcher dispatcher_;
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Peer> peers_;
};

}  // namespace vp::api
