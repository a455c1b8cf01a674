// STUN parser on arbitrary bytes; what it accepts is rewritten with the writer
// and must parse back to the same attributes with valid checksums.
#include <algorithm>
#include <array>
#include <cstdint>

#include "fuzz_check.hpp"
#include "sfu/packet/demux.hpp"
#include "sfu/packet/stun_message.hpp"
#include "sfu/packet/stun_writer.hpp"

using namespace vp::sfu::packet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Bytes input(data, size);
    (void)classifyPacket(input);
    auto msg = StunMessageView::parse(input);
    if (!msg) {
        return 0;
    }
    static const std::uint8_t kKey[] = {'p', 'w'};
    (void)msg->verifyFingerprint();
    (void)msg->verifyMessageIntegrity(kKey);

    std::array<std::uint8_t, 2048> out{};
    StunMessageWriter w(out, msg->messageType(), msg->transactionId());
    const auto username = msg->username();
    const auto priority = msg->priority();
    const auto controlling = msg->iceControlling();
    const auto controlled = msg->iceControlled();
    const auto error = msg->errorCode();
    const auto mapped = msg->xorMappedAddress();
    if (username)
        w.addUsername(*username);
    if (priority)
        w.addPriority(*priority);
    if (msg->useCandidate())
        w.addUseCandidate();
    if (controlling)
        w.addIceControlling(*controlling);
    if (controlled)
        w.addIceControlled(*controlled);
    if (error)
        w.addErrorCode(error->code, error->reason);
    if (mapped)
        w.addXorMappedAddress(*mapped);
    w.addMessageIntegrity(kKey);
    w.addFingerprint();
    auto written = w.finish();
    FUZZ_CHECK(written.ok());

    auto again = StunMessageView::parse(Bytes(out).first(*written));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->messageType() == msg->messageType());
    FUZZ_CHECK(std::equal(again->transactionId().begin(), again->transactionId().end(),
                          msg->transactionId().begin()));
    FUZZ_CHECK(again->username() == username);
    FUZZ_CHECK(again->priority() == priority);
    FUZZ_CHECK(again->useCandidate() == msg->useCandidate());
    FUZZ_CHECK(again->iceControlling() == controlling);
    FUZZ_CHECK(again->iceControlled() == controlled);
    FUZZ_CHECK(again->xorMappedAddress() == mapped);
    FUZZ_CHECK(again->errorCode().has_value() == error.has_value());
    if (error) {
        FUZZ_CHECK(again->errorCode()->code == error->code);
        FUZZ_CHECK(again->errorCode()->reason == error->reason.substr(0, 763));
    }
    FUZZ_CHECK(again->verifyMessageIntegrity(kKey));
    FUZZ_CHECK(again->verifyFingerprint());
    return 0;
}
