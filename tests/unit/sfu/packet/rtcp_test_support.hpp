#pragma once
// Helpers shared by the RTCP tests.
#include <gtest/gtest.h>

#include <vector>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp::test {

// The single RTCP packet that d must be exactly.
inline RtcpPacketView only(const std::vector<std::uint8_t>& d) {
    auto p = RtcpPacketView::parse(d);
    if (!p) {
        ADD_FAILURE() << "not one RTCP packet";
        static const std::vector<std::uint8_t> kEmptyRr = {0x80, 201, 0, 1, 0, 0, 0, 0};
        return *RtcpPacketView::parse(kEmptyRr);
    }
    EXPECT_EQ(p->bytes().size(), d.size());
    return *p;
}

// buf by reference: the copy must be taken after the writer has filled it.
inline std::vector<std::uint8_t> written(common::Result<std::size_t> size,
                                         const std::vector<std::uint8_t>& buf) {
    EXPECT_TRUE(size.ok());
    return {buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(size.ok() ? *size : 0)};
}

}  // namespace vp::sfu::packet::rtcp::test
