// Subscriber RTCP on arbitrary bytes into the send-side estimation, as the
// transport runs it: the first two bytes say how many packets were sent
// (with the top bit, 65000 more, so sequence numbers wrap), the rest is a
// compound RTCP packet. Every transport-cc message is matched against the
// history and fed to the estimator, every REMB too. The adapter stays within
// its bound, never reports a packet twice, and the estimate within its limits.
#include <cstdint>
#include <set>

#include "fuzz_check.hpp"
#include "sfu/bwe/bandwidth_estimator.hpp"
#include "sfu/bwe/feedback_adapter.hpp"
#include "sfu/bwe/send_history.hpp"
#include "sfu/packet/rtcp/remb.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"

using namespace vp::sfu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const bwe::BandwidthEstimatorOptions options{
        .initialBitrate = 1'000'000, .minBitrate = 100'000, .maxBitrate = 8'000'000};
    static bwe::SendHistory history;
    static bwe::FeedbackAdapter adapter;
    history = bwe::SendHistory();
    adapter = bwe::FeedbackAdapter();
    bwe::BandwidthEstimator estimator(options);
    // Bit 15 set: numbers past 65535 (so they wrap); the rest: how many more.
    const std::size_t wrapped = (data[0] & 0x80) != 0 ? 65'000 : 0;
    const std::size_t sent = wrapped + ((std::size_t{data[0]} & 0x7F) << 8 | data[1]) %
                                           (2 * bwe::SendHistory::kCapacity);
    for (std::size_t i = 0; i < sent; ++i) {
        history.onSent(static_cast<std::int64_t>(i) * 1000, 1200, i % 7 == 0 ? 1 : 0);
    }
    packet::rtcp::CompoundIterator it(packet::Bytes(data + 2, size - 2));
    std::int64_t now = 70'000'000;
    std::set<std::int64_t> reported;
    while (auto p = it.next()) {
        now += 10'000;
        const auto at = std::chrono::steady_clock::time_point(std::chrono::microseconds(now));
        if (auto cc = packet::rtcp::TransportCcView::parse(*p)) {
            const auto results = adapter.onFeedback(*cc, history);
            FUZZ_CHECK(results.size() <= bwe::FeedbackAdapter::kMaxResults);
            for (const auto& r : results) {
                FUZZ_CHECK(reported.insert(r.sendMicros).second);
                FUZZ_CHECK(r.size == 1200);
            }
            estimator.onPacketResults(results, at);
        } else if (auto remb = packet::rtcp::RembView::parse(*p)) {
            estimator.onRemb(remb->bitrate(), at);
        }
        FUZZ_CHECK(estimator.estimate() >= options.minBitrate);
        FUZZ_CHECK(estimator.estimate() <= options.maxBitrate);
    }
    return 0;
}
