// A DTLS server endpoint reads whatever reaches the media port. Any sequence of
// datagrams and timer firings must leave it crash-free and leak-free, and a
// failure must always say what went wrong.
//
// Input: a sequence of [2-byte big-endian length][datagram] items; length 0
// fires the retransmission timer instead. Trailing bytes form one last datagram.
#include <cstddef>
#include <cstdint>
#include <span>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "sfu/dtls/dtls_transport.hpp"

namespace {

using vp::sfu::dtls::DtlsContext;

const DtlsContext& sharedContext() {
    static const DtlsContext context = [] {
        vp::common::Logger::setMinimumLevel(vp::common::LogLevel::Error);
        const vp::common::FakeClock clock;
        auto certificate =
            vp::sfu::dtls::Certificate::generate(clock, vp::common::SecureRandom::instance());
        if (!certificate.ok()) {
            __builtin_trap();
        }
        auto created = DtlsContext::create(std::move(certificate).value());
        if (!created.ok()) {
            __builtin_trap();
        }
        return std::move(created).value();
    }();
    return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const DtlsContext& context = sharedContext();
    std::size_t sentBytes = 0;
    vp::sfu::dtls::DtlsCallbacks callbacks;
    callbacks.sendDatagram = [&](std::span<const std::uint8_t> datagram) {
        if (datagram.empty() || datagram.size() > vp::sfu::dtls::DtlsTransport::kMtu) {
            __builtin_trap();  // we never send empty or oversized datagrams
        }
        sentBytes += datagram.size();
    };
    callbacks.onFailed = [](const vp::common::Error& error) {
        if (error.code.empty() || error.message.empty()) {
            __builtin_trap();
        }
    };
    vp::sfu::dtls::DtlsTransport server(context, vp::sfu::dtls::DtlsRole::Server,
                                        std::move(callbacks));
    (void)server.setRemoteFingerprint(context.certificate().algorithm(),
                                      context.certificate().fingerprint());
    server.start();

    std::span<const std::uint8_t> input(data, size);
    while (!input.empty()) {
        std::size_t length = input.size();
        if (input.size() >= 2) {
            length = (static_cast<std::size_t>(input[0]) << 8) | input[1];
            input = input.subspan(2);
            if (length == 0) {
                server.onTimeout();
                continue;
            }
            length = std::min(length, input.size());
        }
        server.handleDatagram(input.first(length));
        (void)server.timeout();
        input = input.subspan(length);
    }
    server.close();
    (void)sentBytes;
    return 0;
}
