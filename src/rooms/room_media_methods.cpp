// RoomService: the media methods (transports, producers, consumers). Each one
// validates its data, reserves its entry in the room under the mutex, calls the
// media server without the mutex, and settles the entry when the answer arrives
// on the worker thread — or frees what was made if the peer left meanwhile.
#include <boost/json/parse.hpp>

#include "rooms/room_service.hpp"
#include "rooms/rooms_support.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::rooms {

namespace json = boost::json;
namespace media = sfu::media_server;
using signaling::Outcome;

namespace {

// Answers a call with the outcome of a media server call without data.
media::Callback<void> replyWithStatus(signaling::Respond respond) {
    return [respond = std::move(respond)](common::Status done) {
        respond(done ? Outcome::success() : failure(done.error()));
    };
}

json::object withId(const std::string& id) {
    json::object out;
    out["id"] = id;
    return out;
}

}  // namespace

template <typename Body>
void RoomService::withPeer(const Call& call, const Respond& respond, Body&& body) {
    std::lock_guard lock(mutex_);
    Located where = locate(call.channel->id());
    if (!where) {
        respond(notJoined());
        return;
    }
    body(where);
}

template <typename T, typename Reserved, typename Made>
bool RoomService::settle(const PeerKey& key, const common::Result<T>& result,
                         const Respond& respond, Reserved&& reserved, Made&& made) {
    std::lock_guard lock(mutex_);
    Located where = locate(key);
    if (!where || !reserved(where, /*drop=*/false)) {
        respond(where ? Outcome::failure("closed", "It was closed meanwhile.")
                      : Outcome::failure("not_joined", "The participant left the room meanwhile."));
        return result.ok();  // free what the media server made
    }
    if (!result) {
        reserved(where, /*drop=*/true);
        respond(failure(result.error()));
        return false;
    }
    made(where);
    return false;
}

std::optional<std::string> RoomService::routerOfTransport(const Call& call, const Respond& respond,
                                                          const std::string& transportId) {
    std::optional<std::string> routerId;
    withPeer(call, respond, [&](const Located& where) {
        const TransportEntry* transport = where.peer->transport(transportId);
        if (transport == nullptr || !transport->ready) {
            respond(Outcome::failure("unknown_transport",
                                     "transportId names no transport of this participant."));
            return;
        }
        routerId = where.room->routerId();
    });
    return routerId;
}

void RoomService::createTransport(const Call& call, Respond respond) {
    auto request = parseCreateTransport(call.request.data);
    if (!request) {
        respond(failure(request.error()));
        return;
    }
    std::optional<PeerKey> key;
    std::string transportId;
    withPeer(call, respond, [&](const Located& where) {
        transportId = newId("transport-");
        if (auto r = where.room->reserveTransport(*where.peer, transportId, request->direction);
            !r) {
            respond(failure(r.error()));
            return;
        }
        key = keyOf(where);
    });
    if (!key) {
        return;
    }
    media_.createWebRtcTransport(
        key->routerId, transportId,
        [this, key = *key, transportId, respond](common::Result<media::WebRtcTransportInfo> info) {
            const bool orphan = settle(
                key, info, respond,
                [&](const Located& where, bool drop) {
                    return drop ? where.room->dropTransport(*where.peer, transportId)
                                : where.peer->transport(transportId) != nullptr;
                },
                [&](const Located& where) {
                    where.room->markTransportReady(*where.peer, transportId);
                    respond(Outcome::success(json::parse(media::toJson(*info))));
                });
            if (orphan) {
                media_.closeTransport(key.routerId, transportId);
            }
        });
}

void RoomService::connectTransport(const Call& call, Respond respond) {
    auto request = parseConnectTransport(call.request.data);
    if (!request) {
        respond(failure(request.error()));
        return;
    }
    auto dtls = media::parseDtlsParameters(request->dtlsParametersJson);
    if (!dtls) {
        respond(failure(dtls.error()));
        return;
    }
    if (auto routerId = routerOfTransport(call, respond, request->transportId)) {
        media_.connectWebRtcTransport(*routerId, request->transportId, std::move(*dtls),
                                      replyWithStatus(std::move(respond)));
    }
}

void RoomService::restartIce(const Call& call, Respond respond) {
    auto transportId = parseObjectId(call.request.data, "transportId");
    if (!transportId) {
        respond(failure(transportId.error()));
        return;
    }
    if (auto routerId = routerOfTransport(call, respond, *transportId)) {
        media_.restartIce(*routerId, *transportId,
                          [respond](common::Result<sfu::ice::IceParameters> parameters) {
                              if (!parameters) {
                                  respond(failure(parameters.error()));
                                  return;
                              }
                              json::object out;
                              out["iceParameters"] = json::parse(media::toJson(*parameters));
                              respond(Outcome::success(std::move(out)));
                          });
    }
}

void RoomService::produce(const Call& call, Respond respond) {
    auto request = parseProduce(call.request.data);
    if (!request) {
        respond(failure(request.error()));
        return;
    }
    std::optional<PeerKey> key;
    std::string producerId;
    withPeer(call, respond, [&](const Located& where) {
        producerId = newId("producer-");
        if (auto r = where.room->reserveProducer(*where.peer, producerId, *request); !r) {
            respond(failure(r.error()));
            return;
        }
        key = keyOf(where);
    });
    if (!key) {
        return;
    }
    media_.produce(key->routerId, request->transportId, producerId,
                   std::string(sfu::rtp_parameters::toString(request->kind)),
                   std::move(request->rtpParameters), request->paused,
                   [this, key = *key, producerId, respond](common::Status produced) {
                       const bool orphan = settle(
                           key, produced, respond,
                           [&](const Located& where, bool drop) {
                               return drop ? where.room->dropProducer(*where.peer, producerId)
                                           : where.peer->producers.contains(producerId);
                           },
                           [&](const Located& where) {
                               respond(Outcome::success(withId(producerId)));
                               where.room->completeProducer(*where.peer, producerId);
                           });
                       if (orphan) {
                           media_.closeProducer(key.routerId, producerId);
                       }
                   });
}

void RoomService::setProducerPaused(const Call& call, Respond respond, bool paused) {
    auto producerId = parseObjectId(call.request.data, "producerId");
    if (!producerId) {
        respond(failure(producerId.error()));
        return;
    }
    std::optional<PeerKey> key;
    withPeer(call, respond, [&](const Located& where) {
        auto it = where.peer->producers.find(*producerId);
        if (it == where.peer->producers.end() || !it->second.ready) {
            respond(Outcome::failure("unknown_producer",
                                     "producerId names no producer of this participant."));
            return;
        }
        key = keyOf(where);
    });
    if (!key) {
        return;
    }
    media_.setProducerPaused(
        key->routerId, *producerId, paused,
        [this, key = *key, producerId = *producerId, paused, respond](common::Status done) {
            settle(
                key, done, respond,
                [&](const Located& where, bool) {
                    return where.peer->producers.contains(producerId);
                },
                [&](const Located& where) {
                    respond(Outcome::success());
                    where.room->setProducerPaused(*where.peer, producerId, paused);
                });
        });
}

void RoomService::closeProducer(const Call& call, Respond respond) {
    auto producerId = parseObjectId(call.request.data, "producerId");
    if (!producerId) {
        respond(failure(producerId.error()));
        return;
    }
    std::string routerId;
    std::vector<std::string> consumers;
    withPeer(call, respond, [&](const Located& where) {
        if (!where.peer->producers.contains(*producerId)) {
            respond(Outcome::failure("unknown_producer",
                                     "producerId names no producer of this participant."));
            return;
        }
        consumers = where.room->closeProducer(*where.peer, *producerId);
        routerId = where.room->routerId();
        respond(Outcome::success());
    });
    if (routerId.empty()) {
        return;
    }
    for (const auto& consumerId : consumers) {
        media_.closeConsumer(routerId, consumerId);
    }
    media_.closeProducer(routerId, *producerId);
}

void RoomService::consume(const Call& call, Respond respond) {
    auto request = parseConsume(call.request.data);
    if (!request) {
        respond(failure(request.error()));
        return;
    }
    std::optional<PeerKey> key;
    std::string consumerId;
    std::string transportId;
    withPeer(call, respond, [&](const Located& where) {
        consumerId = newId("consumer-");
        if (auto r = where.room->reserveConsumer(*where.peer, consumerId, request->producerId);
            !r) {
            respond(failure(r.error()));
            return;
        }
        transportId = where.peer->consumers.at(consumerId).transportId;
        key = keyOf(where);
    });
    if (!key) {
        return;
    }
    media_.consume(
        key->routerId, transportId, consumerId, request->producerId,
        std::move(request->rtpCapabilities), /*paused=*/true,
        [this, key = *key, consumerId, respond](common::Result<media::ConsumerInfo> info) {
            const bool orphan = settle(
                key, info, respond,
                [&](const Located& where, bool drop) {
                    return drop ? where.room->dropConsumer(*where.peer, consumerId)
                                : where.peer->consumers.contains(consumerId);
                },
                [&](const Located& where) {
                    where.room->markConsumerReady(*where.peer, consumerId);
                    respond(Outcome::success(describeConsumer(*where.room, *info)));
                });
            if (orphan) {
                media_.closeConsumer(key.routerId, consumerId);
            }
        });
}

void RoomService::resumeConsumer(const Call& call, Respond respond) {
    auto consumerId = parseObjectId(call.request.data, "consumerId");
    if (!consumerId) {
        respond(failure(consumerId.error()));
        return;
    }
    std::string routerId;
    withPeer(call, respond, [&](const Located& where) {
        auto it = where.peer->consumers.find(*consumerId);
        if (it == where.peer->consumers.end() || !it->second.ready) {
            respond(Outcome::failure("unknown_consumer",
                                     "consumerId names no consumer of this participant; it "
                                     "may have closed."));
            return;
        }
        routerId = where.room->routerId();
    });
    if (!routerId.empty()) {
        media_.setConsumerPaused(routerId, *consumerId, false, replyWithStatus(std::move(respond)));
    }
}

json::object RoomService::describeConsumer(const Room& room, const media::ConsumerInfo& info) {
    json::object out = withId(info.id);
    out["producerId"] = info.producerId;
    out["kind"] = info.kind;
    out["rtpParameters"] = sfu::rtp_parameters::toJsonValue(info.rtpParameters);
    out["producerPaused"] = info.producerPaused;
    const auto ref = room.findProducer(info.producerId);
    if (ref.producer != nullptr) {
        json::object producer = describeProducer(*ref.producer, *ref.owner);
        for (const char* key : {"peerId", "participantId", "source", "appData"}) {
            out[key] = std::move(producer[key]);
        }
    }
    return out;
}

}  // namespace vp::rooms
