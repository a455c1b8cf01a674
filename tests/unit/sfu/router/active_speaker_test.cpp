// The dominant speaker detector on synthetic ssrc-audio-level sequences, and
// the router feeding it from RTP and reporting changes to its observer.
#include "sfu/router/active_speaker.hpp"

#include <gtest/gtest.h>

#include "router_fixture.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using TimePoint = ActiveSpeakerDetector::TimePoint;

constexpr std::uint8_t kSilence = 127;

// Feeds `duration` of 20 ms packets with the given -dBov level per speaker,
// ticking after every packet round; returns every change reported.
class Speakers {
  public:
    Speakers() {
        for (const char* id : {"a", "b", "c"}) {
            detector.add(id);
        }
    }
    std::vector<std::string> run(std::chrono::milliseconds duration, std::uint8_t a, std::uint8_t b,
                                 std::uint8_t c) {
        std::vector<std::string> changes;
        for (auto t = 0ms; t < duration; t += 20ms) {
            detector.onLevel("a", a, now);
            detector.onLevel("b", b, now);
            detector.onLevel("c", c, now);
            now += 20ms;
            if (auto d = detector.tick(now)) {
                changes.push_back(*d);
            }
        }
        return changes;
    }
    ActiveSpeakerDetector detector;
    TimePoint now{};
};

TEST(ActiveSpeaker, SilenceElectsNobody) {
    Speakers s;
    EXPECT_TRUE(s.run(3s, kSilence, kSilence, 90).empty());  // 90: below the speech threshold
    EXPECT_EQ(s.detector.dominant(), "");
}

TEST(ActiveSpeaker, TheOnlySpeakerBecomesDominantQuickly) {
    Speakers s;
    const auto changes = s.run(1s, kSilence, 30, kSilence);
    ASSERT_EQ(changes, std::vector<std::string>{"b"});
    EXPECT_EQ(s.detector.dominant(), "b");
}

TEST(ActiveSpeaker, ALastSpeakerKeepsTheStageThroughSilence) {
    Speakers s;
    s.run(1s, 30, kSilence, kSilence);
    EXPECT_TRUE(s.run(5s, kSilence, kSilence, kSilence).empty());
    EXPECT_EQ(s.detector.dominant(), "a");
}

TEST(ActiveSpeaker, AShortInterjectionDoesNotTakeOverButSustainedSpeechDoes) {
    Speakers s;
    s.run(2s, 40, kSilence, kSilence);
    ASSERT_EQ(s.detector.dominant(), "a");
    // c coughs for 200 ms, louder than a.
    EXPECT_TRUE(s.run(200ms, 40, kSilence, 10).empty());
    EXPECT_TRUE(s.run(1s, 40, kSilence, kSilence).empty());
    EXPECT_EQ(s.detector.dominant(), "a");
    // c talks for 2 s while a goes quiet: c takes over once, after the hold.
    const auto changes = s.run(2s, kSilence, kSilence, 20);
    EXPECT_EQ(changes, std::vector<std::string>{"c"});
}

TEST(ActiveSpeaker, SimilarLevelsDoNotFlipFlop) {
    Speakers s;
    s.run(2s, 30, kSilence, kSilence);
    ASSERT_EQ(s.detector.dominant(), "a");
    // b is only 3 dB louder than a (below the 6 dB margin), alternating.
    std::vector<std::string> changes;
    for (int i = 0; i < 10; ++i) {
        auto more = s.run(300ms, 30, 27, kSilence);
        changes.insert(changes.end(), more.begin(), more.end());
        more = s.run(300ms, 27, 30, kSilence);
        changes.insert(changes.end(), more.begin(), more.end());
    }
    EXPECT_TRUE(changes.empty());
}

TEST(ActiveSpeaker, RemovingTheDominantSpeakerLetsAnotherIn) {
    Speakers s;
    s.run(1s, 30, kSilence, kSilence);
    s.detector.remove("a");
    EXPECT_EQ(s.detector.dominant(), "");
    EXPECT_EQ(s.run(1s, 30, 50, kSilence), std::vector<std::string>{"b"});  // a's levels ignored
}

struct SpeakerObserver final : RouterObserver {
    void onConsumerEvent(std::string_view, ConsumerEvent) override {}
    void onDominantSpeaker(std::string_view producerId) override {
        speakers.emplace_back(producerId);
    }
    std::vector<std::string> speakers;
};

class RouterSpeakerTest : public test::RouterTest {};

TEST_F(RouterSpeakerTest, AudioLevelsFromRtpReachTheObserver) {
    SpeakerObserver observer;
    router_.setObserver(&observer);
    // Chrome's Opus fixture negotiates ssrc-audio-level.
    ASSERT_NE(produce("pub", "mic", rtp_parameters::MediaKind::Audio, "chrome_opus_producer.json"),
              nullptr);
    const Producer* mic = router_.producer("mic");
    ASSERT_NE(mic->audioLevelId(), 0);
    for (std::uint16_t i = 0; i < 50; ++i) {
        const std::uint8_t level = 25;  // V=0, -25 dBov
        send("pub",
             test::rtpPacket(test::kOpusSsrc, 100, i, 960u * i, {{mic->audioLevelId(), {level}}}));
        clock_.advance(20ms);
        router_.onTimer();
    }
    EXPECT_EQ(observer.speakers, std::vector<std::string>{"mic"});
    EXPECT_EQ(router_.dominantSpeaker(), "mic");
    ASSERT_TRUE(router_.closeProducer("mic").ok());
    EXPECT_EQ(router_.dominantSpeaker(), "");
    router_.setObserver(nullptr);
}

}  // namespace
}  // namespace vp::sfu::router
