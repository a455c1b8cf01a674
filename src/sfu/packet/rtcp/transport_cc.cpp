#include "sfu/packet/rtcp/transport_cc.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace vp::sfu::packet::rtcp {

namespace {
constexpr std::size_t kFixedSize = kFeedbackHeaderSize + 8;
constexpr std::size_t kMaxRunLength = 0x1FFF;
constexpr std::size_t kRunLengthThreshold = 7;  // shorter runs go into vectors

std::int32_t signExtend24(std::uint32_t v) {
    return (v & 0x800000u) != 0 ? static_cast<std::int32_t>(v) - 0x1000000
                                : static_cast<std::int32_t>(v);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
}  // namespace

std::optional<TransportCcView> TransportCcView::parse(const RtcpPacketView& packet) {
    auto ssrcs = parseFeedbackSsrcs(packet, type::kTransportFeedback, fmt::kTransportCc);
    const Bytes body = packet.body();
    if (!ssrcs || body.size() < 16) {
        return std::nullopt;
    }
    TransportCcHeader header;
    header.ssrcs = *ssrcs;
    header.baseSequence = readU16(body.data() + 8);
    header.statusCount = readU16(body.data() + 10);
    header.referenceTime = signExtend24(readU24(body.data() + 12));
    header.feedbackCount = body[15];
    auto ignore = [](std::uint16_t, PacketStatus, std::int32_t) {};
    if (!walk(body, header, ignore)) {
        return std::nullopt;
    }
    return TransportCcView(body, header);
}

TransportCcBuilder::TransportCcBuilder(FeedbackSsrcs ssrcs, std::uint8_t feedbackCount)
    : ssrcs_(ssrcs), feedbackCount_(feedbackCount) {}

void TransportCcBuilder::reset(std::uint16_t baseSequence, std::int32_t referenceTime) {
    baseSequence_ = baseSequence;
    referenceTime_ = referenceTime;
    count_ = 0;
    started_ = true;
    nextSequence_ = baseSequence;
    lastTicks_ = std::int64_t{referenceTime} * (kReferenceTimeMicros / kDeltaTickMicros);
}

bool TransportCcBuilder::addNotReceived() {
    if (count_ == kMaxStatusCount) {
        return false;
    }
    statuses_[count_] = PacketStatus::NotReceived;
    deltas_[count_] = 0;
    ++count_;
    ++nextSequence_;
    return true;
}

bool TransportCcBuilder::addReceived(std::int32_t deltaTicks) {
    if (count_ == kMaxStatusCount || deltaTicks < std::numeric_limits<std::int16_t>::min() ||
        deltaTicks > std::numeric_limits<std::int16_t>::max()) {
        return false;
    }
    statuses_[count_] =
        deltaTicks >= 0 && deltaTicks <= 255 ? PacketStatus::SmallDelta : PacketStatus::LargeDelta;
    deltas_[count_] = static_cast<std::int16_t>(deltaTicks);
    ++count_;
    ++nextSequence_;
    return true;
}

bool TransportCcBuilder::addReceivedPacket(std::uint16_t seq, std::int64_t arrivalMicros) {
    if (!started_) {
        // The reference time is 24 bits wide and wraps (every ~12 days).
        const std::int64_t reference = floorDiv(arrivalMicros, kReferenceTimeMicros);
        reset(seq, signExtend24(static_cast<std::uint32_t>(reference) & 0xFFFFFFu));
        lastTicks_ = reference * (kReferenceTimeMicros / kDeltaTickMicros);
    }
    const auto gap = static_cast<std::uint16_t>(seq - nextSequence_);
    const std::int64_t ticks = floorDiv(arrivalMicros, kDeltaTickMicros);
    const std::int64_t delta = ticks - lastTicks_;
    if (gap >= 0x8000 || count_ + gap + 1 > kMaxStatusCount ||
        delta < std::numeric_limits<std::int16_t>::min() ||
        delta > std::numeric_limits<std::int16_t>::max()) {
        return false;
    }
    for (std::size_t i = 0; i < gap; ++i) {
        addNotReceived();
    }
    addReceived(static_cast<std::int32_t>(delta));
    lastTicks_ = ticks;
    return true;
}

std::size_t TransportCcBuilder::encodeChunks(std::uint8_t* out) const {
    std::size_t chunks = 0;
    auto emit = [&](std::uint16_t chunk) {
        if (out != nullptr) {
            writeU16(out + 2 * chunks, chunk);
        }
        ++chunks;
    };
    std::size_t i = 0;
    while (i < count_) {
        std::size_t run = 1;
        while (i + run < count_ && run < kMaxRunLength && statuses_[i + run] == statuses_[i]) {
            ++run;
        }
        if (run >= kRunLengthThreshold) {
            emit(static_cast<std::uint16_t>((static_cast<unsigned>(statuses_[i]) << 13) | run));
            i += run;
            continue;
        }
        const std::size_t oneBitCount = std::min<std::size_t>(14, count_ - i);
        const bool oneBit =
            std::none_of(statuses_.begin() + static_cast<std::ptrdiff_t>(i),
                         statuses_.begin() + static_cast<std::ptrdiff_t>(i + oneBitCount),
                         [](PacketStatus s) { return s == PacketStatus::LargeDelta; });
        unsigned chunk = oneBit ? 0x8000u : 0xC000u;
        const std::size_t n = oneBit ? oneBitCount : std::min<std::size_t>(7, count_ - i);
        for (std::size_t k = 0; k < n; ++k) {
            const auto symbol = static_cast<unsigned>(statuses_[i + k]);
            chunk |= oneBit ? symbol << (13 - k) : symbol << (12 - 2 * k);
        }
        emit(static_cast<std::uint16_t>(chunk));
        i += n;
    }
    return chunks;
}

std::size_t TransportCcBuilder::deltaBytes() const {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count_; ++i) {
        if (statuses_[i] == PacketStatus::SmallDelta) {
            bytes += 1;
        } else if (statuses_[i] == PacketStatus::LargeDelta) {
            bytes += 2;
        }
    }
    return bytes;
}

common::Result<std::size_t> TransportCcBuilder::write(MutableBytes out) const {
    if (count_ == 0) {
        return common::makeError("rtcp.empty_transport_cc",
                                 "add at least one packet status before writing transport-cc");
    }
    const std::size_t chunkBytes = 2 * encodeChunks(nullptr);
    const std::size_t unpadded = kFixedSize + chunkBytes + deltaBytes();
    const std::size_t total = padTo4(unpadded);
    if (auto room = checkRoom("RTCP transport-cc feedback", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeFeedbackHeader(p, type::kTransportFeedback, fmt::kTransportCc, ssrcs_, total);
    writeU16(p + 12, baseSequence_);
    writeU16(p + 14, static_cast<std::uint16_t>(count_));
    writeU24(p + 16, static_cast<std::uint32_t>(referenceTime_) & 0xFFFFFFu);
    p[19] = feedbackCount_;
    encodeChunks(p + kFixedSize);
    std::size_t pos = kFixedSize + chunkBytes;
    for (std::size_t i = 0; i < count_; ++i) {
        if (statuses_[i] == PacketStatus::SmallDelta) {
            p[pos++] = static_cast<std::uint8_t>(deltas_[i]);
        } else if (statuses_[i] == PacketStatus::LargeDelta) {
            writeU16(p + pos, static_cast<std::uint16_t>(deltas_[i]));
            pos += 2;
        }
    }
    std::memset(p + pos, 0, total - pos);  // zero padding to 32 bits
    return total;
}

}  // namespace vp::sfu::packet::rtcp
