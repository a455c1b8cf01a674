#include "sfu/rtp_parameters/h264_profile.hpp"

#include <array>
#include <charconv>
#include <string>

namespace vp::sfu::rtp_parameters {

namespace {

// A profile_iop pattern: the bits under mask must equal value.
struct ProfilePattern {
    std::uint8_t profileIdc;
    std::uint8_t mask;
    std::uint8_t value;
    H264Profile profile;
};

// RFC 6184 table 5 and the constrained variants of RFC 6184bis; first match wins.
constexpr std::array<ProfilePattern, 8> kPatterns = {{
    {0x42, 0b0100'1111, 0b0100'0000, H264Profile::ConstrainedBaseline},  // x1xx0000
    {0x4D, 0b1000'1111, 0b1000'0000, H264Profile::ConstrainedBaseline},  // 1xxx0000
    {0x58, 0b1100'1111, 0b1100'0000, H264Profile::ConstrainedBaseline},  // 11xx0000
    {0x42, 0b0100'1111, 0b0000'0000, H264Profile::Baseline},             // x0xx0000
    {0x58, 0b1100'1111, 0b1000'0000, H264Profile::Baseline},             // 10xx0000
    {0x4D, 0b1010'1111, 0b0000'0000, H264Profile::Main},                 // 0x0x0000
    {0x64, 0b1111'1111, 0b0000'0000, H264Profile::High},                 // 00000000
    {0x64, 0b1111'1111, 0b0000'1100, H264Profile::ConstrainedHigh},      // 00001100
}};

constexpr std::array<std::uint8_t, 17> kLevels = {9,  10, 11, 12, 13, 20, 21, 22, 30,
                                                  31, 32, 40, 41, 42, 50, 51, 52};

constexpr std::uint8_t kConstraintSet3 = 0x10;

}  // namespace

std::optional<H264ProfileLevelId> parseH264ProfileLevelId(std::string_view hex) {
    if (hex.size() != 6) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (ec != std::errc{} || end != hex.data() + hex.size()) {
        return std::nullopt;
    }
    const auto profileIdc = static_cast<std::uint8_t>(value >> 16);
    const auto profileIop = static_cast<std::uint8_t>(value >> 8);
    auto levelIdc = static_cast<std::uint8_t>(value);
    bool knownLevel = false;
    for (std::uint8_t l : kLevels) {
        knownLevel = knownLevel || l == levelIdc;
    }
    if (!knownLevel) {
        return std::nullopt;
    }
    if (levelIdc == 11 && (profileIop & kConstraintSet3) != 0) {
        levelIdc = 0;  // level 1b in the non-High profiles
    }
    for (const auto& p : kPatterns) {
        if (p.profileIdc == profileIdc && (profileIop & p.mask) == p.value) {
            return H264ProfileLevelId{p.profile, levelIdc};
        }
    }
    return std::nullopt;
}

std::optional<H264ProfileLevelId> h264ProfileLevelIdOf(const CodecParameters& parameters) {
    auto it = parameters.find("profile-level-id");
    if (it == parameters.end()) {
        return H264ProfileLevelId{H264Profile::ConstrainedBaseline, 31};
    }
    if (const auto* text = std::get_if<std::string>(&it->second)) {
        return parseH264ProfileLevelId(*text);
    }
    // sdp-transform turns an all-digit id such as 640032 into a number.
    if (const auto* number = std::get_if<std::int64_t>(&it->second)) {
        return parseH264ProfileLevelId(std::to_string(*number));
    }
    return std::nullopt;
}

bool isSameH264Profile(const CodecParameters& a, const CodecParameters& b) {
    auto pa = h264ProfileLevelIdOf(a);
    auto pb = h264ProfileLevelIdOf(b);
    return pa && pb && pa->profile == pb->profile;
}

}  // namespace vp::sfu::rtp_parameters
