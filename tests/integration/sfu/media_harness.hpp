#pragma once
// Helpers for MediaServer integration tests: synchronous wrappers around the
// callback API, an observer that records events, and clients from the same stack.
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "sfu/client/webrtc_client.hpp"
#include "sfu/dtls/certificate.hpp"
#include "sfu/media_server/media_server.hpp"

namespace vp::sfu::testing {

// Calls `call(callback)` and waits for the callback's Result.
template <typename T, typename Call>
common::Result<T> await(Call call) {
    auto promise = std::make_shared<std::promise<common::Result<T>>>();
    auto future = promise->get_future();
    call([promise](common::Result<T> r) { promise->set_value(std::move(r)); });
    if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        return common::makeError("test.timeout", "no callback within 10 s");
    }
    return future.get();
}

struct RecordedEvent {
    std::string kind;  // "consumer", "ice", "dtls"
    std::string routerId;
    std::string objectId;
    std::string state;
    std::string error;
};

class EventRecorder {
  public:
    media_server::MediaServerObserver observer() {
        media_server::MediaServerObserver o;
        o.onConsumerEvent = [this](const std::string& r, const std::string& c,
                                   media_server::ConsumerEvent e) {
            add({"consumer", r, c, std::string(media_server::toString(e)), ""});
        };
        o.onIceState = [this](const std::string& r, const std::string& t,
                              media_server::IceState s) {
            add({"ice", r, t, std::string(media_server::toString(s)), ""});
        };
        o.onDtlsState = [this](const std::string& r, const std::string& t,
                               media_server::DtlsState s, const std::string& error) {
            add({"dtls", r, t, std::string(media_server::toString(s)), error});
        };
        return o;
    }

    // Waits until an event with this kind, object and state was recorded.
    std::optional<RecordedEvent> waitFor(
        const std::string& kind, const std::string& objectId, const std::string& state,
        std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
        std::unique_lock lock(mutex_);
        std::optional<RecordedEvent> found;
        cv_.wait_for(lock, timeout, [&] {
            for (const auto& e : events_) {
                if (e.kind == kind && e.objectId == objectId && e.state == state) {
                    found = e;
                    return true;
                }
            }
            return false;
        });
        return found;
    }

  private:
    void add(RecordedEvent e) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(e));
        cv_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<RecordedEvent> events_;
};

inline std::unique_ptr<dtls::DtlsContext> makeClientDtlsContext() {
    auto cert = dtls::Certificate::generate(common::SystemClock::instance(),
                                            common::SecureRandom::instance());
    if (!cert) {
        throw std::runtime_error(cert.error().message);
    }
    auto ctx = dtls::DtlsContext::create(std::move(*cert));
    if (!ctx) {
        throw std::runtime_error(ctx.error().message);
    }
    return std::make_unique<dtls::DtlsContext>(std::move(*ctx));
}

inline std::unique_ptr<client::WebRtcClient> makeClient(const dtls::DtlsContext& ctx,
                                                        client::WebRtcClientOptions options = {}) {
    auto c = client::WebRtcClient::create(ctx, common::SystemClock::instance(),
                                          common::SecureRandom::instance(), options);
    if (!c) {
        throw std::runtime_error(c.error().message);
    }
    return std::move(*c);
}

// What the browser would learn from the transport info.
inline client::RemoteTransport remoteOf(const media_server::WebRtcTransportInfo& info) {
    const auto& candidate = info.iceCandidates.at(0);
    auto address = net::SocketAddress::parse(candidate.address, candidate.port);
    if (!address) {
        throw std::runtime_error(address.error().message);
    }
    const auto& fp = info.dtlsParameters.fingerprints.at(0);
    return client::RemoteTransport{info.iceParameters, *address, fp.algorithm, fp.value};
}

// dtlsParameters JSON as mediasoup-client sends it on transport 'connect'.
inline std::string clientDtlsJson(const client::WebRtcClient& c) {
    return R"({"role":"client","fingerprints":[{"algorithm":")" + c.fingerprintAlgorithm() +
           R"(","value":")" + c.fingerprintValue() + R"("}]})";
}

}  // namespace vp::sfu::testing
