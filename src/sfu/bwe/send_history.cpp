#include "sfu/bwe/send_history.hpp"

namespace vp::sfu::bwe {

void SendHistory::onSent(std::int64_t sendMicros, std::uint32_t size, std::uint16_t probeCluster) {
    SentPacket& slot = slots_[static_cast<std::size_t>(next_) % kCapacity];
    slot = SentPacket{next_, sendMicros, size, probeCluster, false};
    ++next_;
}

SentPacket* SendHistory::take(std::uint16_t sequence) {
    // The extended number closest below next_ with these low 16 bits.
    const auto back = static_cast<std::uint16_t>(static_cast<std::uint16_t>(next_) - sequence);
    const std::int64_t extended = next_ - (back == 0 ? 0x10000 : back);
    if (extended < 0 || next_ - extended > static_cast<std::int64_t>(kCapacity)) {
        return nullptr;
    }
    SentPacket& slot = slots_[static_cast<std::size_t>(extended) % kCapacity];
    if (slot.sequence != extended || slot.reported) {
        return nullptr;
    }
    slot.reported = true;
    return &slot;
}

}  // namespace vp::sfu::bwe
