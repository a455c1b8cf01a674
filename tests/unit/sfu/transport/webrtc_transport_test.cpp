// WebRtcTransport without a kernel socket: the worker's UdpSocket seam records
// what the transport sends, and the peer (IceClient + DTLS client + SRTP, the
// real classes) exchanges datagrams with it through the real UdpMux. The loop
// is a real EventLoop on a FakeClock, so consent and timers are deterministic.
#include <gtest/gtest.h>

#include <deque>

#include "sfu/dtls/certificate.hpp"
#include "sfu/ice/ice_client.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/remb.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/transport/webrtc_transport.hpp"

namespace vp::sfu::transport {
namespace {

class RecordingSocket final : public net::UdpSocket {
  public:
    const net::SocketAddress& localAddress() const override { return local_; }
    bool send(net::Bytes data, const net::SocketAddress& to) override {
        sent.push_back({std::vector<std::uint8_t>(data.begin(), data.end()), to});
        return true;
    }
    bool flush() override { return true; }
    std::size_t receive(const net::DatagramHandler&) override { return 0; }
    net::UdpSocketStats stats() const override { return {}; }

    struct Datagram {
        std::vector<std::uint8_t> bytes;
        net::SocketAddress to;
    };
    std::deque<Datagram> sent;

  private:
    net::SocketAddress local_ = net::SocketAddress::v4({127, 0, 0, 1}, 40000);
};

dtls::DtlsContext makeContext() {
    auto cert = dtls::Certificate::generate(common::SystemClock::instance(),
                                            common::SecureRandom::instance());
    return dtls::DtlsContext::create(std::move(cert).value()).value();
}

class WebRtcTransportTest : public ::testing::Test {
  protected:
    WebRtcTransportTest()
        : loop_(worker::EventLoop::create(clock_).value()),
          serverDtls_(makeContext()),
          clientDtls_(makeContext()) {}

    void SetUp() override {
        WebRtcTransportOptions options;
        options.id = "t1";
        options.iceParameters = ice::generateIceParameters(common::SecureRandom::instance());
        options.consentTimeout = std::chrono::milliseconds(3000);
        options.maxSsrcs = 2;
        options.transportCcId = transportCcId_;
        WebRtcTransportEvents events;
        events.onBandwidthEstimate = [this](std::uint64_t bps) { estimates_.push_back(bps); };
        events.onIceState = [this](ice::IceState s) { iceStates_.push_back(s); };
        events.onDtlsState = [this](dtls::DtlsState s, const common::Error* e) {
            dtlsStates_.push_back(s);
            if (e != nullptr) {
                dtlsError_ = e->code;
            }
        };
        events.onRtp = [this](packet::MutableRtpPacket& p) { rtpIn_.push_back(p.view().ssrc()); };
        events.onKeyframeRequest = [this](std::uint32_t ssrc) {
            keyframeRequests_.push_back(ssrc);
        };
        auto created = WebRtcTransport::create(
            options, TransportContext{socket_, mux_, *loop_, serverDtls_, clock_}, events);
        ASSERT_TRUE(created.ok()) << created.error().message;
        transport_ = std::move(*created);
    }

    // Delivers everything the transport sent to the peer.
    void deliverToPeer() {
        while (!socket_.sent.empty()) {
            auto d = std::move(socket_.sent.front());
            socket_.sent.pop_front();
            EXPECT_EQ(d.to, peer_);
            if (auto stun = packet::StunMessageView::parse(d.bytes)) {
                ice_->handleResponse(*stun);
            } else if (packet::classifyPacket(d.bytes) == packet::PacketKind::Dtls && dtls_) {
                dtls_->handleDatagram(d.bytes);
            } else {
                toPeerMedia_.push_back(std::move(d.bytes));
            }
        }
    }

    void iceConnect() {
        ice::IceClientOptions o;
        o.localUfrag = "peer";
        o.localPassword = "peer-password-0123456789";
        o.remoteUfrag = transport_->iceParameters().usernameFragment;
        o.remotePassword = transport_->iceParameters().password;
        ice_ = std::make_unique<ice::IceClient>(
            o, [this](std::span<const std::uint8_t> b) { mux_.route(b, peer_); }, clock_,
            common::SecureRandom::instance());
        ASSERT_TRUE(ice_->sendCheck(true).ok());
        deliverToPeer();
        ASSERT_EQ(ice_->state(), ice::IceClientState::Succeeded);
    }

    void dtlsConnect(const std::string& fingerprint) {
        dtls::DtlsCallbacks c;
        c.sendDatagram = [this](std::span<const std::uint8_t> b) {
            peerDtlsOut_.emplace_back(b.begin(), b.end());
        };
        c.onConnected = [this](const dtls::SrtpKeys& k) {
            peerOut_.emplace(srtp::SrtpSession::create(srtp::SrtpDirection::Outbound, k.profile,
                                                       k.localKeyAndSalt)
                                 .value());
            peerIn_.emplace(srtp::SrtpSession::create(srtp::SrtpDirection::Inbound, k.profile,
                                                      k.remoteKeyAndSalt)
                                .value());
        };
        dtls_ = std::make_unique<dtls::DtlsTransport>(clientDtls_, dtls::DtlsRole::Client, c);
        ASSERT_TRUE(
            dtls_->setRemoteFingerprint("sha-256", serverDtls_.certificate().fingerprint()).ok());
        ASSERT_TRUE(
            transport_->connect(RemoteDtls{dtls::RemoteDtlsRole::Client, "sha-256", fingerprint})
                .ok());
        dtls_->start();
        for (int round = 0; round < 20 && (!peerDtlsOut_.empty() || !socket_.sent.empty());
             ++round) {
            auto out = std::move(peerDtlsOut_);
            peerDtlsOut_.clear();
            for (auto& d : out) {
                mux_.route(d, peer_);
            }
            deliverToPeer();
        }
    }

    std::vector<std::uint8_t> protectedRtp(std::uint32_t ssrc, std::uint16_t seq) {
        std::vector<std::uint8_t> b(200 + srtp::SrtpSession::kProtectOverhead);
        const std::array<std::uint8_t, 20> payload{1, 2, 3};
        packet::RtpHeaderFields h;
        h.payloadType = 111;
        h.sequenceNumber = seq;
        h.ssrc = ssrc;
        auto n = packet::writeRtpPacket(b, h, {}, payload);
        auto len = peerOut_->protectRtp(b, *n);
        b.resize(*len);
        return b;
    }

    common::FakeClock clock_;
    std::unique_ptr<worker::EventLoop> loop_;
    RecordingSocket socket_;
    ice::UdpMux mux_;
    dtls::DtlsContext serverDtls_;
    dtls::DtlsContext clientDtls_;
    std::unique_ptr<WebRtcTransport> transport_;
    net::SocketAddress peer_ = net::SocketAddress::v4({127, 0, 0, 1}, 50000);
    std::unique_ptr<ice::IceClient> ice_;
    std::unique_ptr<dtls::DtlsTransport> dtls_;
    std::vector<std::vector<std::uint8_t>> peerDtlsOut_;
    std::optional<srtp::SrtpSession> peerOut_;
    std::optional<srtp::SrtpSession> peerIn_;
    std::vector<std::vector<std::uint8_t>> toPeerMedia_;
    std::vector<ice::IceState> iceStates_;
    std::vector<dtls::DtlsState> dtlsStates_;
    std::string dtlsError_;
    std::vector<std::uint32_t> rtpIn_;
    std::vector<std::uint32_t> keyframeRequests_;
    std::optional<std::uint8_t> transportCcId_;
    std::vector<std::uint64_t> estimates_;
};

TEST_F(WebRtcTransportTest, ConnectsAndCarriesSrtpBothWays) {
    iceConnect();
    ASSERT_FALSE(iceStates_.empty());
    dtlsConnect(clientDtls_.certificate().fingerprint());
    ASSERT_TRUE(transport_->connected());
    ASSERT_TRUE(peerOut_.has_value());
    EXPECT_EQ(dtlsStates_.back(), dtls::DtlsState::Connected);
    EXPECT_EQ(transport_->dtlsRole(), dtls::DtlsRole::Server);

    mux_.route(protectedRtp(1234, 1), peer_);
    mux_.route(protectedRtp(1234, 1), peer_);  // replayed: dropped
    ASSERT_EQ(rtpIn_, std::vector<std::uint32_t>{1234});
    EXPECT_EQ(transport_->stats().droppedSrtp, 1u);

    // New SSRCs beyond the cap (2) are dropped before they reach libsrtp.
    mux_.route(protectedRtp(5678, 1), peer_);
    mux_.route(protectedRtp(9999, 1), peer_);
    EXPECT_EQ(rtpIn_.size(), 2u);
    EXPECT_EQ(transport_->stats().droppedSsrcLimit, 1u);

    // PLI from the peer becomes a keyframe request for the media SSRC.
    std::array<std::uint8_t, 256> rtcp{};
    auto n = packet::rtcp::writePli(rtcp, {1234, 777});
    auto len = peerOut_->protectRtcp(rtcp, *n);
    mux_.route(std::span(rtcp.data(), *len), peer_);
    EXPECT_EQ(keyframeRequests_, std::vector<std::uint32_t>{777});

    // What the router sends goes out protected to the selected tuple.
    std::array<std::uint8_t, 64> out{};
    packet::RtpHeaderFields h;
    h.payloadType = 100;
    h.ssrc = 42;
    h.sequenceNumber = 7;
    const std::array<std::uint8_t, 4> payload{9, 9, 9, 9};
    auto m = packet::writeRtpPacket(out, h, {}, payload);
    transport_->sendRtp(std::span(out.data(), *m));
    deliverToPeer();
    ASSERT_EQ(toPeerMedia_.size(), 1u);
    auto& bytes = toPeerMedia_[0];
    auto plain = peerIn_->unprotectRtp(bytes, bytes.size());
    ASSERT_TRUE(plain.ok());
    auto view = packet::RtpPacketView::parse(std::span(bytes.data(), *plain));
    ASSERT_TRUE(view);
    EXPECT_EQ(view->ssrc(), 42u);
    EXPECT_EQ(view->sequenceNumber(), 7u);
}

TEST_F(WebRtcTransportTest, WrongFingerprintFailsTheTransport) {
    iceConnect();
    dtlsConnect(serverDtls_.certificate().fingerprint());  // not the peer's
    EXPECT_FALSE(transport_->connected());
    ASSERT_FALSE(dtlsStates_.empty());
    EXPECT_EQ(dtlsStates_.back(), dtls::DtlsState::Failed);
    EXPECT_EQ(dtlsError_, "dtls_fingerprint_mismatch");
}

TEST_F(WebRtcTransportTest, ConnectValidatesAndRunsOnce) {
    auto malformed = transport_->connect(RemoteDtls{dtls::RemoteDtlsRole::Client, "sha-256", "AB"});
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, "transport.bad_fingerprint");
    const auto fp = clientDtls_.certificate().fingerprint();
    ASSERT_TRUE(transport_->connect(RemoteDtls{dtls::RemoteDtlsRole::Server, "sha-256", fp}).ok());
    EXPECT_EQ(transport_->dtlsRole(), dtls::DtlsRole::Client);
    auto again = transport_->connect(RemoteDtls{dtls::RemoteDtlsRole::Server, "sha-256", fp});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "transport.already_connected");
    // As DTLS client it waits for a selected ICE tuple before its ClientHello.
    EXPECT_TRUE(socket_.sent.empty());
    iceConnect();
    EXPECT_EQ(transport_->dtlsState(), dtls::DtlsState::Connecting);
}

TEST_F(WebRtcTransportTest, MediaBeforeDtlsIsDroppedAndCounted) {
    iceConnect();
    std::vector<std::uint8_t> fake(60, 0);
    fake[0] = 0x80;
    fake[1] = 111;
    mux_.route(fake, peer_);
    EXPECT_TRUE(rtpIn_.empty());
    EXPECT_EQ(transport_->stats().droppedNotConnected, 1u);
    std::array<std::uint8_t, 32> out{};
    out[0] = 0x80;
    transport_->sendRtp(out);
    EXPECT_EQ(transport_->stats().droppedNotConnected, 2u);
}

TEST_F(WebRtcTransportTest, SilentPeerIsDisconnectedByTheConsentTimer) {
    iceConnect();
    ASSERT_EQ(transport_->iceState(), ice::IceState::Completed);
    clock_.advance(std::chrono::milliseconds(3500));
    loop_->runDueTimers();
    EXPECT_EQ(transport_->iceState(), ice::IceState::Disconnected);
    EXPECT_EQ(iceStates_.back(), ice::IceState::Disconnected);
}

TEST_F(WebRtcTransportTest, CloseFreesMuxRoutesAndTimers) {
    iceConnect();
    EXPECT_EQ(mux_.transportCount(), 1u);
    EXPECT_GE(loop_->timerCount(), 1u);
    transport_->close();
    EXPECT_EQ(mux_.transportCount(), 0u);
    EXPECT_EQ(mux_.addressCount(), 0u);
    EXPECT_EQ(loop_->timerCount(), 0u);
    transport_->close();  // idempotent
}

TEST_F(WebRtcTransportTest, IceRestartMovesTheUfrag) {
    const auto old = transport_->iceParameters();
    transport_->restartIce(ice::generateIceParameters(common::SecureRandom::instance()));
    EXPECT_NE(transport_->iceParameters().usernameFragment, old.usernameFragment);
    iceConnect();  // with the new credentials
}

// Send-side bandwidth estimation: the transport numbers the packets that carry
// a transport-cc slot, matches the peer's feedback to them and reports the estimate.
class WebRtcTransportBweTest : public WebRtcTransportTest {
  protected:
    static constexpr std::uint8_t kWideId = 5;

    void SetUp() override {
        transportCcId_ = kWideId;
        WebRtcTransportTest::SetUp();
        iceConnect();
        dtlsConnect(clientDtls_.certificate().fingerprint());
        ASSERT_TRUE(transport_->connected());
    }

    // A packet to the peer, with a zeroed transport-cc slot when `slot`.
    void sendToPeer(std::uint16_t seq, bool slot) {
        std::array<std::uint8_t, 128> out{};
        packet::RtpHeaderFields h;
        h.payloadType = 100;
        h.ssrc = 42;
        h.sequenceNumber = seq;
        const std::array<std::uint8_t, 2> zero{};
        const packet::RtpExtensionElement ext{kWideId, zero};
        const std::array<std::uint8_t, 40> payload{};
        auto n = packet::writeRtpPacket(out, h, std::span(&ext, slot ? 1 : 0), payload);
        transport_->sendRtp(std::span(out.data(), *n));
    }

    // The transport-wide numbers the peer received (nullopt: no extension).
    std::vector<std::optional<std::uint16_t>> receivedWide() {
        deliverToPeer();
        std::vector<std::optional<std::uint16_t>> out;
        for (auto& bytes : toPeerMedia_) {
            auto plain = peerIn_->unprotectRtp(bytes, bytes.size());
            EXPECT_TRUE(plain.ok());
            auto view = packet::RtpPacketView::parse(std::span(bytes.data(), *plain));
            auto value = view ? view->extension(kWideId) : std::nullopt;
            out.push_back(value ? packet::decodeTransportSequenceNumber(*value) : std::nullopt);
        }
        toPeerMedia_.clear();
        return out;
    }

    void rtcpFromPeer(std::span<const std::uint8_t> packet) {
        std::array<std::uint8_t, 1500> b{};
        std::copy(packet.begin(), packet.end(), b.begin());
        auto len = peerOut_->protectRtcp(b, packet.size());
        ASSERT_TRUE(len.ok());
        mux_.route(std::span(b.data(), *len), peer_);
    }
};

TEST_F(WebRtcTransportBweTest, StampsOneCounterOnPacketsWithTheSlotAndEstimatesFromFeedback) {
    sendToPeer(7, true);
    sendToPeer(8, false);
    sendToPeer(9, true);
    sendToPeer(10, true);
    const std::vector<std::optional<std::uint16_t>> expected{0, std::nullopt, 1, 2};
    EXPECT_EQ(receivedWide(), expected);
    EXPECT_FALSE(transport_->availableOutgoingBitrate().has_value()) << "no feedback yet";

    packet::rtcp::TransportCcBuilder builder({9, 42}, 0);
    for (std::uint16_t wide = 0; wide < 3; ++wide) {
        ASSERT_TRUE(builder.addReceivedPacket(wide, 1'000'000 + 5'000 * wide));
    }
    std::array<std::uint8_t, 256> fb{};
    const auto size = builder.write(fb);
    ASSERT_TRUE(size.ok());
    // A lying copy (more statuses than the chunks carry) is ignored.
    auto lying = fb;
    lying[14] = 0x40;
    rtcpFromPeer(std::span(lying.data(), *size));
    EXPECT_EQ(transport_->stats().transportCcFeedbackReceived, 0u);
    EXPECT_TRUE(estimates_.empty());

    rtcpFromPeer(std::span(fb.data(), *size));
    EXPECT_EQ(transport_->stats().transportCcFeedbackReceived, 1u);
    ASSERT_EQ(estimates_.size(), 1u);
    ASSERT_TRUE(transport_->availableOutgoingBitrate().has_value());
    EXPECT_EQ(*transport_->availableOutgoingBitrate(), estimates_.back());
    EXPECT_EQ(transport_->bandwidthEstimator()->stats().feedbackPackets, 3u);

    // REMB is counted but no longer replaces the transport-cc estimate.
    std::array<std::uint8_t, 64> remb{};
    const std::array<std::uint32_t, 1> ssrcs{42};
    auto rembSize = packet::rtcp::writeRemb(remb, 9, 50'000, ssrcs);
    rtcpFromPeer(std::span(remb.data(), *rembSize));
    EXPECT_EQ(transport_->stats().rembReceived, 1u);
    EXPECT_EQ(*transport_->availableOutgoingBitrate(), estimates_.front());
}

TEST_F(WebRtcTransportBweTest, RembAloneIsTheEstimate) {
    std::array<std::uint8_t, 64> remb{};
    const std::array<std::uint32_t, 1> ssrcs{42};
    auto size = packet::rtcp::writeRemb(remb, 9, 400'000, ssrcs);
    rtcpFromPeer(std::span(remb.data(), *size));
    ASSERT_TRUE(transport_->availableOutgoingBitrate().has_value());
    EXPECT_EQ(*transport_->availableOutgoingBitrate(), 400'000u);
    EXPECT_EQ(estimates_, std::vector<std::uint64_t>{400'000});
}

}  // namespace
}  // namespace vp::sfu::transport
