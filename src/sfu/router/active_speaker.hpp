#pragma once
// Dominant speaker detection from the ssrc-audio-level header extension
// (RFC 6464: each audio packet carries the level of its audio in -dBov, 0 =
// loudest, 127 = silence). Levels are averaged per producer over fixed windows;
// each window's loudness (how far above the speech threshold, 0 when silent or
// nothing arrived) feeds a smoothed score. Hysteresis:
//   - with no dominant speaker, the loudest producer whose score reaches
//     minScore becomes it;
//   - a challenger replaces the dominant speaker only after it has beaten the
//     dominant score by `margin` in `holdWindows` consecutive windows, so
//     short interjections, coughs and level noise do not flip the choice;
//   - a dominant speaker who falls silent stays dominant until someone else
//     qualifies (the last speaker keeps the stage), and is forgotten only when
//     removed.
// Allocation only when a producer is added; levels and ticks are lookups.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vp::sfu::router {

struct ActiveSpeakerOptions {
    std::chrono::milliseconds window{300};
    std::uint8_t speechLevel = 60;  // -dBov: levels at or louder than this are speech
    double smoothing = 0.5;         // weight of the newest window in the score
    double minScore = 5;            // loudness to become dominant from nobody
    double margin = 6;              // a challenger's lead, in dB of loudness
    int holdWindows = 2;            // consecutive windows the lead must last
    std::size_t maxSpeakers = 1024;
};

class ActiveSpeakerDetector {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit ActiveSpeakerDetector(ActiveSpeakerOptions options = {}) : options_(options) {}

    void add(std::string producerId);
    void remove(std::string_view producerId);
    // One packet's audio level of a producer added before (others are ignored).
    void onLevel(std::string_view producerId, std::uint8_t level, TimePoint now);
    // Closes the windows that ended by `now`; the new dominant speaker when it changed.
    std::optional<std::string> tick(TimePoint now);

    const std::string& dominant() const { return dominant_; }  // empty: nobody yet
    double score(std::string_view producerId) const;
    // Windows closed so far (each one updates every score).
    std::uint64_t windows() const { return windows_; }

  private:
    struct Speaker {
        double sum = 0;  // loudness over the window
        std::uint32_t packets = 0;
        double score = 0;
        int leadWindows = 0;  // consecutive windows ahead of the dominant by the margin
    };
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::optional<std::string> closeWindow();

    ActiveSpeakerOptions options_;
    std::unordered_map<std::string, Speaker, StringHash, std::equal_to<>> speakers_;
    std::string dominant_;
    bool started_ = false;
    TimePoint windowEnd_{};
    std::uint64_t windows_ = 0;
};

}  // namespace vp::sfu::router
