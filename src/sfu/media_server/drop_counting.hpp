#pragma once
// Fills DropCounters from the counters the socket, the mux, the transports and
// the router already keep; every drop lands under exactly one reason. Internal to
// the media server (RouterHost and the worker stats).
#include "sfu/ice/udp_mux.hpp"
#include "sfu/media_server/drop_counters.hpp"
#include "sfu/net/udp_socket.hpp"
#include "sfu/router/router.hpp"
#include "sfu/transport/webrtc_transport.hpp"

namespace vp::sfu::media_server {

inline void countWorkerDrops(DropCounters& d, const net::UdpSocketStats& socket,
                             const ice::UdpMuxStats& mux, std::uint64_t droppedPosts) {
    d.oversized += socket.receiveTruncated;
    d.kernelOverflow += socket.kernelDrops;
    d.sendQueueFull += socket.sendQueueDrops;
    d.sendError += socket.sendErrors;
    d.workerQueueFull += droppedPosts;
    d.unclassified += mux.droppedMalformed - mux.droppedMalformedStun;
    d.malformedStun += mux.droppedMalformedStun;
    d.unknownUfrag += mux.droppedUnknownUfrag;
    d.unknownSource += mux.droppedUnknownSource;
    d.stunRateLimited += mux.plainBindingLimited;
}

inline void countTransportDrops(DropCounters& d, const transport::WebRtcTransport& transport) {
    const auto& ice = transport.iceStats();
    d.stunIgnored += ice.dropped;
    d.stunBadRequest += ice.badRequest;
    d.stunUnauthorized += ice.unauthorized;
    d.stunRoleConflict += ice.roleConflict;
    const auto& s = transport.stats();
    d.notConnected += s.droppedNotConnected;
    d.dtlsBacklog += s.droppedDtls;
    d.srtp += s.droppedSrtp;
    d.ssrcLimit += s.droppedSsrcLimit;
    d.malformedRtp += s.droppedMalformed - s.droppedMalformedRtcp;
    d.malformedRtcp += s.droppedMalformedRtcp;
}

inline void countRouterDrops(DropCounters& d, const router::RouterStats& router) {
    d.unknownSsrc += router.packetsUnknownSsrc;
    d.unknownTransport += router.packetsUnknownTransport;
    d.policed += router.packetsPoliced;
}

}  // namespace vp::sfu::media_server
