#pragma once
// The seams between the router and the transports (WebRtcTransport implements
// them): the router hands a subscriber's transport the RTP it should send, and
// a publisher's transport the RTCP (PLI/FIR) it should send to the publisher.
// Calls happen on the router's worker thread; the bytes are valid only during
// the call (the transport may rewrite them in place, e.g. transport-cc ids).
#include <string_view>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::router {

class RtpSink {
  public:
    virtual ~RtpSink() = default;
    virtual void sendRtp(packet::MutableBytes packet) = 0;
    // Padding sent to probe the path, as part of probe cluster `cluster` (the
    // bandwidth estimator measures what got through); plain RTP by default.
    virtual void sendProbe(packet::MutableBytes packet, std::uint16_t /*cluster*/) {
        sendRtp(packet);
    }
};

class RtcpSink {
  public:
    virtual ~RtcpSink() = default;
    virtual void sendRtcp(packet::Bytes packet) = 0;
};

// What the meeting runtime hears about consumers it did not act on itself.
enum class ConsumerEvent : std::uint8_t {
    ProducerPaused,
    ProducerResumed,
    ProducerClosed,   // the consumer is closed and freed
    TransportClosed,  // its own transport closed; the consumer is closed and freed
};

class RouterObserver {
  public:
    virtual ~RouterObserver() = default;
    virtual void onConsumerEvent(std::string_view consumerId, ConsumerEvent event) = 0;
    // The dominant speaker changed to this audio producer (ActiveSpeakerDetector).
    virtual void onDominantSpeaker(std::string_view /*producerId*/) {}
};

}  // namespace vp::sfu::router
