#include "api/signaling_endpoint.hpp"

namespace vp::api {

namespace {

// A signalling channel over one WebSocket session. Holds the session weakly: the
// session's own coroutine keeps it alive while it is open.
class SessionChannel final : public signaling::Channel {
  public:
    explicit SessionChannel(const WebSocketSessionPtr& session)
        : session_(session), id_(session->id()), address_(session->upgradeRequest().clientIp) {}

    void send(std::string text) override {
        if (auto s = session_.lock()) {
            s->send(std::move(text));
        }
    }
    void close(std::uint16_t code, std::string reason) override {
        if (auto s = session_.lock()) {
            s->close(code, std::move(reason));
        }
    }
    std::uint64_t id() const override { return id_; }
    std::string remoteAddress() const override { return address_; }

  private:
    std::weak_ptr<WebSocketSession> session_;
    std::uint64_t id_;
    std::string address_;
};

}  // namespace

SignalingEndpoint::SignalingEndpoint(std::shared_ptr<const signaling::MethodTable> table,
                                     signaling::DispatcherLimits limits,
                                     ChannelClosed onChannelClosed)
    : dispatcher_(std::move(table), limits), onChannelClosed_(std::move(onChannelClosed)) {}

void SignalingEndpoint::onOpen(const WebSocketSessionPtr& session) {
    std::lock_guard lock(mutex_);
    peers_[session->id()] = Peer{std::make_shared<SessionChannel>(session), {}};
}

void SignalingEndpoint::onText(const WebSocketSessionPtr& session, std::string_view text) {
    Peer* peer = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto it = peers_.find(session->id());
        if (it == peers_.end()) {
            return;
        }
        peer = &it->second;  // nodes are stable; only onClose of this session erases it
    }
    dispatcher_.onFrame(peer->channel, peer->state, text);
}

void SignalingEndpoint::onClose(const WebSocketSessionPtr& session) {
    {
        std::lock_guard lock(mutex_);
        peers_.erase(session->id());
    }
    if (onChannelClosed_) {
        onChannelClosed_(session->id());
    }
}

std::size_t SignalingEndpoint::openChannels() const {
    std::lock_guard lock(mutex_);
    return peers_.size();
}

}  // namespace vp::api
