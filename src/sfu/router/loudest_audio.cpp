#include "sfu/router/loudest_audio.hpp"

#include <algorithm>

namespace vp::sfu::router {

void LoudestAudioSelector::add(std::string producerId) {
    entries_.try_emplace(std::move(producerId));
}

void LoudestAudioSelector::remove(std::string_view producerId) {
    if (auto it = entries_.find(producerId); it != entries_.end()) {
        entries_.erase(it);
    }
}

bool LoudestAudioSelector::selected(std::string_view producerId) const {
    if (!enabled()) {
        return true;
    }
    auto it = entries_.find(producerId);
    return it == entries_.end() || it->second.selected;
}

std::size_t LoudestAudioSelector::selectedCount() const {
    return static_cast<std::size_t>(std::count_if(
        entries_.begin(), entries_.end(), [](const auto& entry) { return entry.second.selected; }));
}

std::vector<std::string> LoudestAudioSelector::update(
    const std::function<double(std::string_view)>& scoreOf) {
    std::vector<std::string> changed;
    if (!enabled()) {
        return changed;
    }
    Ranked unselected;
    Ranked selected;
    for (auto& entry : entries_) {
        entry.second.score = scoreOf(entry.first);
        (entry.second.selected ? selected : unselected).push_back(&entry);
    }
    // Loudest first among the candidates, quietest first among the selected.
    std::sort(unselected.begin(), unselected.end(),
              [](const auto* a, const auto* b) { return a->second.score > b->second.score; });
    std::sort(selected.begin(), selected.end(),
              [](const auto* a, const auto* b) { return a->second.score < b->second.score; });
    if (selected.size() < options_.count) {
        fillFreePlaces(unselected, changed);
    } else {
        replaceQuietest(unselected, selected, changed);
    }
    return changed;
}

void LoudestAudioSelector::fillFreePlaces(Ranked& unselected, std::vector<std::string>& changed) {
    std::size_t free = options_.count - selectedCount();
    for (auto* candidate : unselected) {
        candidate->second.leadWindows = 0;
        if (free > 0 && candidate->second.score >= options_.enterScore) {
            candidate->second.selected = true;
            changed.push_back(candidate->first);
            --free;
        }
    }
}

void LoudestAudioSelector::replaceQuietest(Ranked& unselected, Ranked& selected,
                                           std::vector<std::string>& changed) {
    if (selected.empty()) {
        return;
    }
    const double bar =
        std::max(selected.front()->second.score + options_.margin, options_.enterScore);
    for (auto* candidate : unselected) {
        auto& entry = candidate->second;
        entry.leadWindows = entry.score >= bar ? entry.leadWindows + 1 : 0;
    }
    // Pairs the loudest qualified candidates with the quietest selected ones.
    std::size_t next = 0;
    for (auto* candidate : unselected) {
        auto& entry = candidate->second;
        if (next >= selected.size() || entry.leadWindows < options_.holdWindows) {
            continue;
        }
        auto& leaving = selected[next]->second;
        if (entry.score < leaving.score + options_.margin) {
            continue;
        }
        leaving.selected = false;
        leaving.leadWindows = 0;
        entry.selected = true;
        entry.leadWindows = 0;
        changed.push_back(selected[next]->first);
        changed.push_back(candidate->first);
        ++next;
    }
}

}  // namespace vp::sfu::router
