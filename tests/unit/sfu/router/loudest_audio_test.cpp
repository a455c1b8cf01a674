// Loudest-N audio forwarding: the selector's hysteresis on synthetic scores, and
// a router forwarding only the selected producers' audio to its consumers.
#include "sfu/router/loudest_audio.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "router_fixture.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;

class Scores {
  public:
    explicit Scores(std::size_t n) : selector({.count = n}) {
        for (const char* id : {"a", "b", "c", "d"}) {
            selector.add(id);
        }
    }
    // One window with these scores; the changes, sorted.
    std::vector<std::string> window(std::map<std::string, double> scores) {
        auto changed = selector.update([&](std::string_view id) {
            auto it = scores.find(std::string(id));
            return it == scores.end() ? 0.0 : it->second;
        });
        std::sort(changed.begin(), changed.end());
        return changed;
    }
    std::string selected() const {
        std::string out;
        for (const char* id : {"a", "b", "c", "d"}) {
            if (selector.selected(id)) {
                out += id;
            }
        }
        return out;
    }
    LoudestAudioSelector selector;
};

TEST(LoudestAudio, DisabledForwardsEverybody) {
    LoudestAudioSelector selector;
    selector.add("a");
    EXPECT_FALSE(selector.enabled());
    EXPECT_TRUE(selector.selected("a"));
    EXPECT_TRUE(selector.update([](std::string_view) { return 50.0; }).empty());
}

TEST(LoudestAudio, FreePlacesGoToSpeakersAtOnceAndSilenceTakesNone) {
    Scores s(2);
    EXPECT_EQ(s.selected(), "");
    EXPECT_TRUE(s.window({{"a", 0.5}}).empty());  // below enterScore: not speech
    EXPECT_EQ(s.window({{"a", 3}, {"b", 20}, {"c", 10}}), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(s.selected(), "bc");
    EXPECT_TRUE(s.selector.selected("someone-unranked"));  // no audio level: forwarded
}

TEST(LoudestAudio, ANewcomerNeedsAClearLeadForSeveralWindows) {
    Scores s(2);
    s.window({{"a", 20}, {"b", 15}});
    ASSERT_EQ(s.selected(), "ab");
    // c is 4 louder than the quietest selected: below the 6 margin, never in.
    for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(s.window({{"a", 20}, {"b", 15}, {"c", 19}}).empty());
    }
    // c leads b by 10 for one window (a cough), then not: still out.
    EXPECT_TRUE(s.window({{"a", 20}, {"b", 15}, {"c", 25}}).empty());
    EXPECT_TRUE(s.window({{"a", 20}, {"b", 15}, {"c", 15}}).empty());
    // Sustained: c replaces b, the quietest, in the second window.
    EXPECT_TRUE(s.window({{"a", 20}, {"b", 15}, {"c", 25}}).empty());
    EXPECT_EQ(s.window({{"a", 20}, {"b", 15}, {"c", 25}}), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(s.selected(), "ac");
}

TEST(LoudestAudio, SilentSpeakersKeepTheirPlaceUntilSomeoneNeedsItAndRemovalFreesIt) {
    Scores s(2);
    s.window({{"a", 20}, {"b", 15}});
    for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(s.window({}).empty());
    }
    EXPECT_EQ(s.selected(), "ab");
    // Two new speakers replace both silent ones together.
    s.window({{"c", 30}, {"d", 20}});
    EXPECT_EQ(s.window({{"c", 30}, {"d", 20}}), (std::vector<std::string>{"a", "b", "c", "d"}));
    EXPECT_EQ(s.selected(), "cd");
    s.selector.remove("c");
    EXPECT_EQ(s.selector.selectedCount(), 1u);
    EXPECT_EQ(s.window({{"a", 5}}), std::vector<std::string>{"a"});
    EXPECT_EQ(s.selector.selectedCount(), 2u);  // a and d ("c" is no longer ranked)
    EXPECT_TRUE(s.selector.selected("a") && s.selector.selected("d"));
}

class RouterLoudestTest : public test::RouterTest {
  protected:
    RouterLoudestTest() : test::RouterTest(options()) {}
    static RouterOptions options() {
        RouterOptions o;
        o.loudestAudio.count = 1;
        return o;
    }
    // 20 ms of audio from both publishers at these -dBov levels (127 = silence).
    void speak(std::uint8_t levelA, std::uint8_t levelB) {
        for (const char* pub : {"pubA", "pubB"}) {
            const std::uint8_t level = pub == std::string("pubA") ? levelA : levelB;
            send(pub, test::rtpPacket(test::kOpusSsrc, 100, seq_, 960u * seq_,
                                      {{audioLevelId_, {level}}}));
        }
        ++seq_;
        clock_.advance(20ms);
        router_.onTimer();
    }
    std::uint16_t seq_ = 0;
    std::uint8_t audioLevelId_ = 0;
};

TEST_F(RouterLoudestTest, EachSubscriberGetsOnlyTheLoudestMicrophone) {
    const Producer* a =
        produce("pubA", "micA", rtp_parameters::MediaKind::Audio, "chrome_opus_producer.json");
    ASSERT_NE(
        produce("pubB", "micB", rtp_parameters::MediaKind::Audio, "chrome_opus_producer.json"),
        nullptr);
    audioLevelId_ = a->audioLevelId();
    const Consumer* fromA = consume("sub", "cA", "micA");
    const Consumer* fromB = consume("sub", "cB", "micB");
    ASSERT_TRUE(fromA != nullptr && fromB != nullptr);
    // Nobody spoke yet: nothing is forwarded.
    EXPECT_FALSE(fromA->selected());
    // A talks, B is silent: only A reaches the subscriber.
    for (int i = 0; i < 50; ++i) {
        speak(25, 127);
    }
    EXPECT_TRUE(router_.audioForwarded("micA"));
    EXPECT_FALSE(router_.audioForwarded("micB"));
    const auto sentA = fromA->stats().packetsSent;
    EXPECT_GT(sentA, 30u);
    EXPECT_EQ(fromB->stats().packetsSent, 0u);
    // B talks for 2 s, A stops: B takes the place after the hold, A no longer flows.
    for (int i = 0; i < 100; ++i) {
        speak(127, 20);
    }
    EXPECT_FALSE(router_.audioForwarded("micA"));
    EXPECT_TRUE(router_.audioForwarded("micB"));
    EXPECT_GT(fromB->stats().packetsSent, 50u);
    const auto afterSwitch = fromA->stats().packetsSent;
    EXPECT_LT(afterSwitch - sentA, 50u);
    for (int i = 0; i < 20; ++i) {
        speak(127, 20);
    }
    EXPECT_EQ(fromA->stats().packetsSent, afterSwitch);
    // A consumer made now for the unselected producer starts unselected.
    const Consumer* late = consume("sub2", "cA2", "micA");
    ASSERT_NE(late, nullptr);
    EXPECT_FALSE(late->selected());
}

}  // namespace
}  // namespace vp::sfu::router
