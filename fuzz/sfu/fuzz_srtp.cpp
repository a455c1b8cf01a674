// SRTP under AEAD_AES_128_GCM on arbitrary bytes: the inbound session must
// refuse garbage without crashing and without reading past the packet; an
// input that is a well-formed RTP packet is sealed and must open again to the
// same bytes under the same rollover counter, and not under another one.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "fuzz_check.hpp"
#include "sfu/srtp/aead_rtp_cipher.hpp"
#include "sfu/srtp/srtp_session.hpp"

using namespace vp::sfu::srtp;

namespace {

constexpr std::array<std::uint8_t, 28> kKey{1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
                                            15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28};

// Made once: setting up a libsrtp session costs far more than a run.
SrtpSession& inbound() {
    static SrtpSession session =
        SrtpSession::create(SrtpDirection::Inbound, SrtpProfile::AeadAes128Gcm, kKey).value();
    return session;
}

AeadRtpCipher& cipher(AeadRtpCipher::Mode mode) {
    static auto seal = AeadRtpCipher::create(AeadRtpCipher::Mode::Seal, kKey).value();
    static auto open = AeadRtpCipher::create(AeadRtpCipher::Mode::Open, kKey).value();
    return mode == AeadRtpCipher::Mode::Seal ? *seal : *open;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4000) {
        return 0;
    }
    std::vector<std::uint8_t> garbage(data, data + size);
    (void)inbound().unprotectRtp(garbage, garbage.size());

    const std::size_t header = rtpHeaderLength({data, size});
    if (header == 0) {
        return 0;
    }
    const std::uint32_t roc = size > 0 ? data[size - 1] : 0;
    std::vector<std::uint8_t> packet(size + AeadRtpCipher::kTagLength);
    std::copy(data, data + size, packet.begin());
    FUZZ_CHECK(cipher(AeadRtpCipher::Mode::Seal).seal(packet.data(), header, size, roc));
    std::vector<std::uint8_t> wrongRoc = packet;
    FUZZ_CHECK(cipher(AeadRtpCipher::Mode::Open).open(packet.data(), header, packet.size(), roc));
    FUZZ_CHECK(std::equal(data, data + size, packet.begin()));
    FUZZ_CHECK(
        !cipher(AeadRtpCipher::Mode::Open).open(wrongRoc.data(), header, wrongRoc.size(), roc + 1));
    return 0;
}
