// The ICE-lite path on arbitrary datagrams: UdpMux -> IceServer, as a worker runs
// it. The first input byte picks the source address (and may advance the clock and
// run consent checks); the rest is the datagram. Every response the server sends
// must be a well-formed STUN message with a valid FINGERPRINT, and the selected
// tuple must always be one of the (bounded) validated tuples.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>

#include "sfu/ice/ice_server.hpp"
#include "sfu/ice/udp_mux.hpp"
#include "sfu/packet/stun_message.hpp"

namespace {

#define ICE_FUZZ_CHECK(cond)  \
    do {                      \
        if (!(cond)) {        \
            __builtin_trap(); \
        }                     \
    } while (false)

using namespace vp::sfu;

constexpr std::size_t kMaxTuples = 3;

class FuzzTransport final : public ice::MuxedTransport {
  public:
    FuzzTransport(ice::UdpMux& mux, const vp::common::Clock& clock)
        : mux_(mux),
          server_(ice::IceParameters{"fuzzufrag", "fuzz-password-0123456789", true},
                  ice::IceServerOptions{std::chrono::seconds(30), kMaxTuples}, events(), clock) {
        (void)mux_.addUfrag("fuzzufrag", *this);
    }

    void receiveStun(const packet::StunMessageView& message,
                     const net::SocketAddress& from) override {
        server_.handleStun(message, from);
    }
    void receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind,
                         const net::SocketAddress&) override {
        ICE_FUZZ_CHECK(!data.empty());
    }

    ice::IceServer& server() { return server_; }

  private:
    ice::IceServerEvents events() {
        ice::IceServerEvents e;
        e.sendTo = [](std::span<const std::uint8_t> bytes, const net::SocketAddress&) {
            auto response = packet::StunMessageView::parse(bytes);
            ICE_FUZZ_CHECK(response.has_value());
            ICE_FUZZ_CHECK(response->verifyFingerprint());
            ICE_FUZZ_CHECK(response->messageClass() == packet::StunClass::SuccessResponse ||
                           response->messageClass() == packet::StunClass::ErrorResponse);
        };
        e.onTupleAdded = [this](const net::SocketAddress& a) { (void)mux_.addAddress(a, *this); };
        e.onTupleRemoved = [this](const net::SocketAddress& a) { mux_.removeAddress(a, *this); };
        return e;
    }

    ice::UdpMux& mux_;
    ice::IceServer server_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    static vp::common::FakeClock clock;
    static ice::UdpMux mux;
    static FuzzTransport transport(mux, clock);

    const std::uint8_t control = data[0];
    const auto from = net::SocketAddress::v4({10, 0, 0, static_cast<std::uint8_t>(control & 0x07)},
                                             static_cast<std::uint16_t>(5000 + (control & 0x07)));
    if ((control & 0x80) != 0) {
        clock.advance(std::chrono::seconds((control >> 3) & 0x0F));
        transport.server().checkConsent();
    }
    mux.route(std::span<const std::uint8_t>(data + 1, size - 1), from);

    const auto tuples = transport.server().tuples();
    ICE_FUZZ_CHECK(tuples.size() <= kMaxTuples);
    const auto selected = transport.server().selectedTuple();
    ICE_FUZZ_CHECK(!selected || std::find(tuples.begin(), tuples.end(), *selected) != tuples.end());
    ICE_FUZZ_CHECK(mux.addressCount() == tuples.size());
    return 0;
}
