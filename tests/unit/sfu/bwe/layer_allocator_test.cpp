#include "sfu/bwe/layer_allocator.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::sfu::bwe {
namespace {

LayerRequest simulcast(int preferred, int current = -1) {
    LayerRequest r;
    r.layers = 3;
    r.bitrates = {150'000, 500'000, 1'500'000, 0};
    r.preferred = preferred;
    r.current = current;
    return r;
}

LayerRequest audio() {
    LayerRequest r;
    r.audio = true;
    r.bitrates[0] = 40'000;
    return r;
}

std::vector<int> allocate(const std::vector<LayerRequest>& requests, std::uint64_t estimate,
                          AllocationSummary* summary = nullptr) {
    std::vector<int> out(requests.size(), -2);
    auto s = allocateLayers(requests, estimate, out);
    if (summary != nullptr) {
        *summary = s;
    }
    return out;
}

TEST(LayerAllocator, PicksTheHighestLayersThatFitAudioFirst) {
    AllocationSummary s;
    EXPECT_EQ(allocate({audio(), simulcast(2)}, 5'000'000, &s), (std::vector<int>{-1, 2}));
    EXPECT_FALSE(s.limited);
    EXPECT_EQ(s.allocated, 1'540'000u);
    EXPECT_EQ(s.desired, 1'540'000u);
    // 1.5 Mbps video + 40 kbps audio do not fit 1.2 Mbps: the middle layer does.
    EXPECT_EQ(allocate({audio(), simulcast(2)}, 1'200'000, &s), (std::vector<int>{-1, 1}));
    EXPECT_TRUE(s.limited);
    EXPECT_EQ(s.allocated, 540'000u);
    EXPECT_EQ(s.desired, 1'540'000u);
}

TEST(LayerAllocator, NeverAboveThePreferredLayer) {
    AllocationSummary s;
    EXPECT_EQ(allocate({simulcast(0), simulcast(1)}, 10'000'000, &s), (std::vector<int>{0, 1}));
    EXPECT_FALSE(s.limited);
}

TEST(LayerAllocator, EveryVideoKeepsItsLowestLayerEvenWhenNothingFits) {
    AllocationSummary s;
    EXPECT_EQ(allocate({audio(), simulcast(2), simulcast(2)}, 100'000, &s),
              (std::vector<int>{-1, 0, 0}));
    EXPECT_TRUE(s.limited);
    EXPECT_EQ(s.allocated, 340'000u);
}

TEST(LayerAllocator, SharesRoundRobinRatherThanFillingTheFirstConsumer) {
    // 1.3 Mbps: both at the middle layer (1 Mbps), not one at the top and one at the bottom.
    EXPECT_EQ(allocate({simulcast(2), simulcast(2)}, 1'300'000), (std::vector<int>{1, 1}));
}

TEST(LayerAllocator, MovingUpNeedsHeadroomStayingDoesNot) {
    // The top layer costs 1.5 Mbps: at 1.6 Mbps a consumer on layer 2 keeps it...
    EXPECT_EQ(allocate({simulcast(2, 2)}, 1'600'000), (std::vector<int>{2}));
    // ...one on layer 1 does not move up (the 1 Mbps step needs 1.15 Mbps spare).
    EXPECT_EQ(allocate({simulcast(2, 1)}, 1'600'000), (std::vector<int>{1}));
    EXPECT_EQ(allocate({simulcast(2, 1)}, 1'700'000), (std::vector<int>{2}));
}

TEST(LayerAllocator, LayersNotBeingSentAreSkippedAndUnmeasuredOnesAreLeftAlone) {
    LayerRequest gap = simulcast(2);
    gap.bitrates[1] = 0;  // the middle encoding stopped
    EXPECT_EQ(allocate({gap}, 1'000'000), (std::vector<int>{0}));
    EXPECT_EQ(allocate({gap}, 3'000'000), (std::vector<int>{2}));
    LayerRequest fresh = simulcast(1);
    fresh.bitrates = {};
    AllocationSummary s;
    EXPECT_EQ(allocate({fresh}, 10'000, &s), (std::vector<int>{1}));
    EXPECT_FALSE(s.limited);
}

TEST(LayerAllocator, SimpleConsumersCountWithTheirOneLayer) {
    LayerRequest simple;
    simple.bitrates[0] = 800'000;
    AllocationSummary s;
    EXPECT_EQ(allocate({simple, simulcast(2)}, 1'500'000, &s), (std::vector<int>{0, 1}));
    EXPECT_EQ(s.allocated, 1'300'000u);
}

}  // namespace
}  // namespace vp::sfu::bwe
