#include "sfu/packet/rtcp/sdes.hpp"

#include <cstring>

namespace vp::sfu::packet::rtcp {

namespace {

std::size_t chunkSize(const SdesChunk& chunk) {
    std::size_t size = 4;
    for (const auto& item : chunk.items) {
        size += 2 + item.text.size();
    }
    return padTo4(size + 1);  // at least one null octet ends the chunk
}

}  // namespace

std::optional<SdesView> SdesView::parse(const RtcpPacketView& packet) {
    if (packet.packetType() != type::kSdes) {
        return std::nullopt;
    }
    auto ignore = [](std::uint32_t, std::uint8_t, std::string_view) {};
    if (!walk(packet.body(), packet.count(), ignore)) {
        return std::nullopt;
    }
    return SdesView(packet.body(), packet.count());
}

common::Result<std::size_t> writeSdes(MutableBytes out, std::span<const SdesChunk> chunks) {
    if (chunks.size() > 31) {
        return common::makeError("rtcp.too_many_chunks",
                                 "an SDES packet holds at most 31 chunks; send two");
    }
    std::size_t total = kHeaderSize;
    for (const auto& chunk : chunks) {
        for (const auto& item : chunk.items) {
            if (item.type == sdes_item::kEnd || item.text.size() > 255) {
                return common::makeError("rtcp.bad_sdes_item",
                                         "SDES item types are 1..255 and texts at most 255 bytes");
            }
        }
        total += chunkSize(chunk);
    }
    if (auto room = checkRoom("RTCP SDES", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeHeader(p, static_cast<std::uint8_t>(chunks.size()), type::kSdes, total);
    std::size_t offset = kHeaderSize;
    for (const auto& chunk : chunks) {
        const std::size_t end = offset + chunkSize(chunk);
        writeU32(p + offset, chunk.ssrc);
        offset += 4;
        for (const auto& item : chunk.items) {
            p[offset] = item.type;
            p[offset + 1] = static_cast<std::uint8_t>(item.text.size());
            if (!item.text.empty()) {
                std::memcpy(p + offset + 2, item.text.data(), item.text.size());
            }
            offset += 2 + item.text.size();
        }
        std::memset(p + offset, 0, end - offset);
        offset = end;
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
