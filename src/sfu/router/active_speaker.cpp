#include "sfu/router/active_speaker.hpp"

namespace vp::sfu::router {

void ActiveSpeakerDetector::add(std::string producerId) {
    if (speakers_.size() < options_.maxSpeakers) {
        speakers_.try_emplace(std::move(producerId));
    }
}

void ActiveSpeakerDetector::remove(std::string_view producerId) {
    if (auto it = speakers_.find(producerId); it != speakers_.end()) {
        speakers_.erase(it);
    }
    if (dominant_ == producerId) {
        dominant_.clear();
    }
}

void ActiveSpeakerDetector::onLevel(std::string_view producerId, std::uint8_t level,
                                    TimePoint now) {
    auto it = speakers_.find(producerId);
    if (it == speakers_.end()) {
        return;
    }
    if (!started_) {
        started_ = true;
        windowEnd_ = now + options_.window;
    }
    const std::uint8_t clamped = level > 127 ? 127 : level;
    // Loudness in dB above the speech threshold; silence counts as 0.
    const int loudness = clamped <= options_.speechLevel ? options_.speechLevel - clamped + 1 : 0;
    it->second.sum += loudness;
    ++it->second.packets;
}

double ActiveSpeakerDetector::score(std::string_view producerId) const {
    auto it = speakers_.find(producerId);
    return it == speakers_.end() ? 0.0 : it->second.score;
}

std::optional<std::string> ActiveSpeakerDetector::tick(TimePoint now) {
    std::optional<std::string> changed;
    while (started_ && now >= windowEnd_) {
        if (auto next = closeWindow()) {
            changed = std::move(next);
        }
        windowEnd_ += options_.window;
    }
    return changed;
}

std::optional<std::string> ActiveSpeakerDetector::closeWindow() {
    ++windows_;
    const Speaker* current = nullptr;
    for (auto& [id, s] : speakers_) {
        const double window = s.packets == 0 ? 0.0 : s.sum / s.packets;
        s.score = options_.smoothing * window + (1 - options_.smoothing) * s.score;
        s.sum = 0;
        s.packets = 0;
        if (id == dominant_) {
            current = &s;
        }
    }
    const std::string* best = nullptr;
    const Speaker* bestSpeaker = nullptr;
    for (auto& [id, s] : speakers_) {
        if (id == dominant_) {
            s.leadWindows = 0;
            continue;
        }
        const double bar =
            current != nullptr ? current->score + options_.margin : options_.minScore;
        s.leadWindows = s.score >= bar ? s.leadWindows + 1 : 0;
        const bool qualifies = current == nullptr || s.leadWindows >= options_.holdWindows;
        if (qualifies && s.score >= bar &&
            (bestSpeaker == nullptr || s.score > bestSpeaker->score)) {
            best = &id;
            bestSpeaker = &s;
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    dominant_ = *best;
    for (auto& [id, s] : speakers_) {
        s.leadWindows = 0;
    }
    return dominant_;
}

}  // namespace vp::sfu::router
