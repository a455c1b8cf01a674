#include "sfu/media_server/media_server.hpp"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "common/log.hpp"
#include "sfu/dtls/certificate.hpp"
#include "sfu/dtls/dtls_context.hpp"
#include "sfu/ice/plain_binding_responder.hpp"
#include "sfu/media_server/drop_counting.hpp"
#include "sfu/media_server/router_host.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"
#include "sfu/worker/workers.hpp"

namespace vp::sfu::media_server {

namespace {

// The routers of one worker; touched by that worker's thread only (and by
// stop() after the thread has been joined).
struct WorkerMedia {
    WorkerContext context;
    std::unordered_map<std::string, std::unique_ptr<RouterHost>> routers;
    std::unique_ptr<ice::PlainBindingResponder> plainBinding;  // STUN server behaviour

    RouterHost* find(const std::string& routerId) {
        auto it = routers.find(routerId);
        return it == routers.end() ? nullptr : it->second.get();
    }
};

constexpr std::chrono::milliseconds kRecoveryTick{20};

template <typename T>
void appendAll(std::vector<T>& to, std::vector<T> from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

common::Error unknownRouter(const std::string& routerId) {
    return common::makeError("media.unknown_router",
                             "no router " + routerId + "; create it with createRouter first");
}

}  // namespace

class MediaServer::Impl {
  public:
    Impl(MediaServerOptions options, const common::Clock& clock, worker::Workers workers,
         dtls::DtlsContext dtls)
        : options_(std::move(options)),
          clock_(clock),
          workers_(std::move(workers)),
          dtls_(std::move(dtls)) {}

    common::Status init() {
        for (std::size_t i = 0; i < workers_.size(); ++i) {
            auto& w = workers_.at(i);
            auto candidate = ice::makeHostCandidate(w.localAddress(), options_.announcedIp);
            if (!candidate) {
                return candidate.error();
            }
            media_.push_back(std::make_unique<WorkerMedia>(
                WorkerMedia{WorkerContext{{w.socket(), w.mux(), w.loop(), dtls_, clock_},
                                          std::move(*candidate),
                                          observer_,
                                          options_,
                                          common::SecureRandom::instance()},
                            {},
                            {}}));
            // One loss-recovery timer per worker for all its routers.
            WorkerMedia* media = media_.back().get();
            media->plainBinding = std::make_unique<ice::PlainBindingResponder>(
                clock_, [&w](std::span<const std::uint8_t> data, const net::SocketAddress& to) {
                    (void)w.socket().send(data, to);
                });
            (void)w.post([media, &w] {
                w.mux().setPlainBindingResponder(media->plainBinding.get());
                w.loop().addPeriodicTimer(kRecoveryTick, [media] {
                    for (auto& [id, host] : media->routers) {
                        host->router().onTimer();
                    }
                });
            });
        }
        return {};
    }

    // Runs fn(host) on the router's worker and hands its result to done (if any).
    template <typename T, typename Fn>
    void onRouter(const std::string& routerId, Callback<T> done, Fn fn) {
        std::optional<std::size_t> index;
        {
            std::lock_guard lock(mutex_);
            if (auto it = routerWorker_.find(routerId); it != routerWorker_.end()) {
                index = it->second;
            }
        }
        if (!index) {
            if (done) {
                done(unknownRouter(routerId));
            }
            return;
        }
        WorkerMedia* media = media_[*index].get();
        const bool posted =
            workers_.at(*index).post([media, routerId, done, fn = std::move(fn)]() mutable {
                RouterHost* host = media->find(routerId);
                common::Result<T> result = host != nullptr ? fn(*host) : unknownRouter(routerId);
                if (done) {
                    done(std::move(result));
                }
            });
        if (!posted && done) {
            done(busy());
        }
    }

    static common::Error busy() {
        return common::makeError("media.unavailable",
                                 "the media worker is stopped or its queue is full; retry later");
    }

    void createRouter(std::string routerId, RouterSettings settings, Callback<void> done) {
        if (routerId.empty() || routerId.size() > 256) {
            done(common::makeError("media.invalid_id", "routerId must have 1 to 256 characters"));
            return;
        }
        std::size_t index = 0;
        {
            std::lock_guard lock(mutex_);
            if (stopped_) {
                done(busy());
                return;
            }
            if (routerWorker_.contains(routerId)) {
                done(common::makeError("media.duplicate_router",
                                       "router " + routerId + " already exists"));
                return;
            }
            if (routerWorker_.size() >= options_.maxRouters) {
                done(common::makeError("media.limit_reached",
                                       "the media server has its maximum of " +
                                           std::to_string(options_.maxRouters) + " routers"));
                return;
            }
            auto& w = workers_.leastLoaded();
            index = w.index();
            w.addLoad(1);
            routerWorker_.emplace(routerId, index);
        }
        WorkerMedia* media = media_[index].get();
        const bool posted = workers_.at(index).post([media, routerId, settings, done] {
            media->routers.emplace(
                routerId, std::make_unique<RouterHost>(routerId, media->context, settings));
            done({});
        });
        if (!posted) {
            forget(routerId);
            done(busy());
        }
    }

    // Removes the router from the directory; returns its worker index.
    std::optional<std::size_t> forget(const std::string& routerId) {
        std::lock_guard lock(mutex_);
        auto it = routerWorker_.find(routerId);
        if (it == routerWorker_.end()) {
            return std::nullopt;
        }
        const std::size_t index = it->second;
        routerWorker_.erase(it);
        workers_.at(index).addLoad(-1);
        return index;
    }

    void closeRouter(const std::string& routerId) {
        auto index = forget(routerId);
        if (!index) {
            return;
        }
        WorkerMedia* media = media_[*index].get();
        (void)workers_.at(*index).post([media, routerId] { media->routers.erase(routerId); });
    }

    void stats(Callback<Stats> done) {
        struct Gather {
            std::mutex mutex;
            Stats stats;
            std::size_t remaining = 0;
        };
        auto gather = std::make_shared<Gather>();
        gather->stats.workers.resize(workers_.size());
        gather->remaining = workers_.size();
        for (std::size_t i = 0; i < workers_.size(); ++i) {
            auto& w = workers_.at(i);
            WorkerMedia* media = media_[i].get();
            auto collect = [gather, media, &w, i, done] {
                WorkerStats s = workerStats(w, *media);
                std::vector<ProducerStreamStats> producers;
                std::vector<ConsumerStreamStats> consumers;
                std::vector<TransportBandwidthStats> transports;
                for (const auto& [id, host] : media->routers) {
                    host->streamStats(producers, consumers);
                    host->bandwidthStats(transports);
                }
                for (const auto& t : transports) {
                    s.outgoingBitrateEstimate += t.availableOutgoingBitrate;
                }
                std::lock_guard lock(gather->mutex);
                gather->stats.workers[i] = s;
                appendAll(gather->stats.producerStreams, std::move(producers));
                appendAll(gather->stats.consumerStreams, std::move(consumers));
                appendAll(gather->stats.transports, std::move(transports));
                if (--gather->remaining == 0) {
                    done(std::move(gather->stats));
                }
            };
            if (!w.post(collect)) {
                done(busy());
                return;
            }
        }
    }

    static WorkerStats workerStats(worker::Worker& w, WorkerMedia& media) {
        WorkerStats s;
        s.index = w.index();
        s.port = w.localAddress().port();
        s.routers = media.routers.size();
        for (const auto& [id, host] : media.routers) {
            const RouterCounts c = host->counts();
            s.transports += c.transports;
            s.producers += c.producers;
            s.consumers += c.consumers;
            s.rtpIn += c.rtpIn;
            s.rtpOut += c.rtpOut;
            s.dropped += c.dropped;
            s.drops += c.drops;
            s.nackPacketsSent += c.nackPacketsSent;
            s.packetsRecovered += c.packetsRecovered;
            s.packetsLost += c.packetsLost;
            s.keyframesForLoss += c.keyframesForLoss;
            s.nackPacketsReceived += c.nackPacketsReceived;
            s.packetsRetransmitted += c.packetsRetransmitted;
        }
        const auto socket = w.socketStats();
        const auto& mux = w.mux().stats();
        s.packetsIn = socket.datagramsReceived;
        s.packetsOut = socket.datagramsSent;
        s.dropped += socket.receiveTruncated + socket.kernelDrops + socket.sendQueueDrops +
                     socket.sendErrors + mux.droppedUnknownSource + mux.droppedUnknownUfrag +
                     mux.droppedMalformed + mux.plainBindingLimited + w.droppedPosts();
        countWorkerDrops(s.drops, socket, mux, w.droppedPosts());
        return s;
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            if (stopped_) {
                return;
            }
            stopped_ = true;
            routerWorker_.clear();
        }
        workers_.stop();
        // The threads are joined: tear the routers down here, in order.
        for (auto& media : media_) {
            media->routers.clear();
        }
    }

    void setObserver(MediaServerObserver observer) { observer_ = std::move(observer); }
    const MediaServerOptions& options() const { return options_; }

  private:
    MediaServerOptions options_;
    const common::Clock& clock_;
    worker::Workers workers_;
    dtls::DtlsContext dtls_;
    MediaServerObserver observer_;
    std::vector<std::unique_ptr<WorkerMedia>> media_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> routerWorker_;
    bool stopped_ = false;
};

common::Result<std::unique_ptr<MediaServer>> MediaServer::start(MediaServerOptions options,
                                                                const common::Clock& clock) {
    auto certificate = dtls::Certificate::generate(clock, common::SecureRandom::instance());
    if (!certificate) {
        return certificate.error();
    }
    auto context = dtls::DtlsContext::create(std::move(*certificate));
    if (!context) {
        return context.error();
    }
    worker::WorkersOptions wo;
    wo.count = options.workers;
    wo.basePort = options.basePort;
    wo.worker.socket.host = options.host;
    auto workers = worker::Workers::start(wo, clock);
    if (!workers) {
        return workers.error();
    }
    auto impl =
        std::make_unique<Impl>(std::move(options), clock, std::move(*workers), std::move(*context));
    if (auto ok = impl->init(); !ok) {
        impl->stop();
        return ok.error();
    }
    common::Logger("sfu.media_server")
        .info("media server started", {{"workers", std::to_string(wo.count)}});
    return std::unique_ptr<MediaServer>(new MediaServer(std::move(impl)));
}

MediaServer::MediaServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MediaServer::~MediaServer() {
    stop();
}

void MediaServer::stop() {
    if (impl_) {
        impl_->stop();
    }
}

const rtp_parameters::RtpCapabilities& MediaServer::rtpCapabilities() const {
    return rtp_parameters::routerRtpCapabilities();
}

void MediaServer::setObserver(MediaServerObserver observer) {
    impl_->setObserver(std::move(observer));
}

void MediaServer::createRouter(std::string routerId, Callback<void> done) {
    impl_->createRouter(std::move(routerId), {}, std::move(done));
}

void MediaServer::createRouter(std::string routerId, RouterSettings settings, Callback<void> done) {
    impl_->createRouter(std::move(routerId), settings, std::move(done));
}

void MediaServer::closeRouter(std::string routerId) {
    impl_->closeRouter(routerId);
}

void MediaServer::createWebRtcTransport(std::string routerId, std::string transportId,
                                        Callback<WebRtcTransportInfo> done) {
    impl_->onRouter<WebRtcTransportInfo>(
        routerId, std::move(done),
        [id = std::move(transportId)](RouterHost& h) mutable { return h.createTransport(id); });
}

void MediaServer::connectWebRtcTransport(std::string routerId, std::string transportId,
                                         DtlsParameters remote, Callback<void> done) {
    impl_->onRouter<void>(routerId, std::move(done),
                          [id = std::move(transportId), remote = std::move(remote)](RouterHost& h) {
                              return h.connectTransport(id, remote);
                          });
}

void MediaServer::restartIce(std::string routerId, std::string transportId,
                             Callback<ice::IceParameters> done) {
    impl_->onRouter<ice::IceParameters>(
        routerId, std::move(done),
        [id = std::move(transportId)](RouterHost& h) { return h.restartIce(id); });
}

void MediaServer::produce(std::string routerId, std::string transportId, std::string producerId,
                          std::string kind, rtp_parameters::RtpParameters params, bool paused,
                          Callback<void> done) {
    impl_->onRouter<void>(
        routerId, std::move(done),
        [t = std::move(transportId), p = std::move(producerId), k = std::move(kind),
         params = std::move(params), paused](RouterHost& h) mutable {
            return h.produce(std::move(t), std::move(p), k, std::move(params), paused);
        });
}

void MediaServer::consume(std::string routerId, std::string transportId, std::string consumerId,
                          std::string producerId, rtp_parameters::RtpCapabilities deviceCaps,
                          bool paused, Callback<ConsumerInfo> done) {
    impl_->onRouter<ConsumerInfo>(
        routerId, std::move(done),
        [t = std::move(transportId), c = std::move(consumerId), p = std::move(producerId),
         caps = std::move(deviceCaps), paused](RouterHost& h) mutable {
            return h.consume(std::move(t), std::move(c), std::move(p), std::move(caps), paused);
        });
}

void MediaServer::setProducerPaused(std::string routerId, std::string producerId, bool paused,
                                    Callback<void> done) {
    impl_->onRouter<void>(routerId, std::move(done),
                          [id = std::move(producerId), paused](RouterHost& h) {
                              return h.setProducerPaused(id, paused);
                          });
}

void MediaServer::setConsumerPaused(std::string routerId, std::string consumerId, bool paused,
                                    Callback<void> done) {
    impl_->onRouter<void>(routerId, std::move(done),
                          [id = std::move(consumerId), paused](RouterHost& h) {
                              return h.setConsumerPaused(id, paused);
                          });
}

void MediaServer::setConsumerPreferredLayers(std::string routerId, std::string consumerId,
                                             std::size_t spatialLayer, Callback<void> done) {
    impl_->onRouter<void>(routerId, std::move(done),
                          [id = std::move(consumerId), spatialLayer](RouterHost& h) {
                              return h.router().setConsumerPreferredLayers(id, spatialLayer);
                          });
}

void MediaServer::closeProducer(std::string routerId, std::string producerId) {
    impl_->onRouter<void>(
        routerId, {}, [id = std::move(producerId)](RouterHost& h) { return h.closeProducer(id); });
}

void MediaServer::closeConsumer(std::string routerId, std::string consumerId) {
    impl_->onRouter<void>(
        routerId, {}, [id = std::move(consumerId)](RouterHost& h) { return h.closeConsumer(id); });
}

void MediaServer::closeTransport(std::string routerId, std::string transportId) {
    impl_->onRouter<void>(routerId, {}, [id = std::move(transportId)](RouterHost& h) {
        return h.closeTransport(id);
    });
}

void MediaServer::stats(Callback<Stats> done) {
    impl_->stats(std::move(done));
}

std::string_view toString(IceState state) {
    return state == IceState::Connected ? "connected" : "disconnected";
}

std::string_view toString(DtlsState state) {
    switch (state) {
        case DtlsState::Connecting:
            return "connecting";
        case DtlsState::Connected:
            return "connected";
        case DtlsState::Failed:
            return "failed";
        case DtlsState::Closed:
            return "closed";
    }
    return "unknown";
}

std::string_view toString(ConsumerEvent event) {
    switch (event) {
        case ConsumerEvent::ProducerPaused:
            return "producerpause";
        case ConsumerEvent::ProducerResumed:
            return "producerresume";
        case ConsumerEvent::ProducerClosed:
            return "producerclose";
        case ConsumerEvent::TransportClosed:
            return "transportclose";
    }
    return "unknown";
}

}  // namespace vp::sfu::media_server
