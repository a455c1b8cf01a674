#pragma once
// Binds the signalling dispatcher to a WebSocket endpoint (registered at /ws).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "api/websocket.hpp"
#include "signaling/dispatcher.hpp"

namespace vp::api {

class SignalingEndpoint final : public WebSocketHandler {
  public:
    // Called once per channel after it closed (e.g. so its peer leaves its room).
    using ChannelClosed = std::function<void(std::uint64_t channelId)>;

    explicit SignalingEndpoint(std::shared_ptr<const signaling::MethodTable> table,
                               signaling::DispatcherLimits limits = {},
                               ChannelClosed onChannelClosed = {});

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
    ChannelClosed onChannelClosed_;
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Peer> peers_;
};

}  // namespace vp::api
