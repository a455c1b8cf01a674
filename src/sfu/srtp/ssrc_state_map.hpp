#pragma once
// SsrcStateMap<T>: per-SSRC state of an SRTP session with the last two SSRCs
// remembered (a transport mostly alternates audio and video), so the common
// case needs no hash lookup. Map nodes never move, so the cached pointers stay
// valid; entries are never erased while the session lives. Bounded by the
// caller (the transport admits a bounded number of SSRCs).
#include <cstdint>
#include <unordered_map>

namespace vp::sfu::srtp {

template <typename T>
class SsrcStateMap {
  public:
    // The state of `ssrc`; `created` tells whether it was just made.
    T& find(std::uint32_t ssrc, bool& created) {
        created = false;
        for (int i = 0; i < 2; ++i) {
            if (recent_[i] != nullptr && recentSsrc_[i] == ssrc) {
                return *recent_[i];
            }
        }
        auto [it, inserted] = states_.try_emplace(ssrc);
        created = inserted;
        recent_[1] = recent_[0];
        recentSsrc_[1] = recentSsrc_[0];
        recent_[0] = &it->second;
        recentSsrc_[0] = ssrc;
        return it->second;
    }

  private:
    std::unordered_map<std::uint32_t, T> states_;
    std::uint32_t recentSsrc_[2] = {};
    T* recent_[2] = {nullptr, nullptr};
};

}  // namespace vp::sfu::srtp
