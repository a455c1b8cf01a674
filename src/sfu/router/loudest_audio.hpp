#pragma once
// Forwarding of only the N loudest audio producers of a router (large
// meetings): after every window of the ActiveSpeakerDetector, the producers'
// smoothed scores decide which at most N are "selected"; the router forwards
// only those, so each subscriber receives at most N audio streams. Hysteresis:
//   - a free place goes at once to the loudest unselected producer whose score
//     reaches enterScore (somebody speaking);
//   - when every place is taken, an unselected producer replaces the quietest
//     selected one only after beating it by `margin` in `holdWindows`
//     consecutive windows, so two people of equal loudness do not alternate;
//   - a selected producer that falls silent keeps its place until someone
//     louder needs it; a removed one frees it.
// Producers never added (no ssrc-audio-level) are not ranked and always
// forwarded. Allocation only on add and when a window changes the selection.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vp::sfu::router {

struct LoudestAudioOptions {
    std::size_t count = 0;  // N; 0 = forward every audio producer
    double enterScore = 1;  // the score that takes a free place
    double margin = 6;      // a newcomer's lead over the quietest selected, in dB of loudness
    int holdWindows = 2;    // consecutive windows the lead must last
};

class LoudestAudioSelector {
  public:
    explicit LoudestAudioSelector(LoudestAudioOptions options = {}) : options_(options) {}

    bool enabled() const { return options_.count > 0; }
    void add(std::string producerId);  // starts unselected
    void remove(std::string_view producerId);
    // Whether the producer's audio is forwarded (always, when disabled or not ranked).
    bool selected(std::string_view producerId) const;
    std::size_t selectedCount() const;

    // Closes one window with each producer's score (by id); returns the producers
    // whose selection changed.
    std::vector<std::string> update(const std::function<double(std::string_view)>& scoreOf);

  private:
    struct Entry {
        double score = 0;
        bool selected = false;
        int leadWindows = 0;
    };
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using Map = std::unordered_map<std::string, Entry, StringHash, std::equal_to<>>;
    using Ranked = std::vector<Map::value_type*>;

    void fillFreePlaces(Ranked& unselected, std::vector<std::string>& changed);
    void replaceQuietest(Ranked& unselected, Ranked& selected, std::vector<std::string>& changed);

    LoudestAudioOptions options_;
    Map entries_;
};

}  // namespace vp::sfu::router
