// Fuzzes the signalling frame parser and dispatcher with untrusted text frames:
// no crash, no unbounded work, and every valid request's reply parses as JSON.
#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "signaling/dispatcher.hpp"
#include "signaling/ping.hpp"

namespace {

class Sink final : public vp::signaling::Channel {
  public:
    void send(std::string text) override {
        boost::system::error_code ec;
        (void)boost::json::parse(text, ec);
        if (ec) {
            std::abort();  // the server must only ever send valid JSON
        }
    }
    void close(std::uint16_t, std::string) override {}
    std::uint64_t id() const override { return 1; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const vp::common::FakeClock clock;
    static const auto table = [] {
        auto t = std::make_shared<vp::signaling::MethodTable>();
        (void)vp::signaling::addPing(*t, clock);
        return t;
    }();
    static const vp::signaling::Dispatcher dispatcher(table);
    static const auto channel = std::make_shared<Sink>();

    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    vp::signaling::PeerState peer;
    dispatcher.onFrame(channel, peer, frame);
    return 0;
}
