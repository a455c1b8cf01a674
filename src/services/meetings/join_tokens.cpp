#include "services/meetings/join_tokens.hpp"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "common/clock.hpp"

namespace vp::services::meetings {
namespace {

constexpr std::string_view kPrefix = "vj1.";

common::Error invalid() {
    return common::makeError("invalid_join_token",
                             "the join token is not valid; join the meeting again");
}

std::string base64Url(std::string_view bytes) {
    const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), variant);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::string> fromBase64Url(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

std::vector<std::string_view> splitLines(std::string_view text, std::size_t fields) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < fields) {
        const auto at = text.find('\n');
        if (at == std::string_view::npos) {
            return {};
        }
        parts.push_back(text.substr(0, at));
        text.remove_prefix(at + 1);
    }
    parts.push_back(text);  // the name, last, may hold anything but is bounded
    return parts;
}

std::optional<std::int64_t> parseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

common::Result<JoinTokenSigner> JoinTokenSigner::fromMasterKey(
    std::span<const std::uint8_t> master) {
    auto key = deriveMeetingKey(master, "vp.meetings.join-token.v1");
    if (!key) {
        return key.error();
    }
    JoinTokenSigner signer;
    signer.key_ = *key;
    return signer;
}

std::string JoinTokenSigner::sign(const JoinClaims& claims) const {
    const std::string payload =
        claims.meetingId + '\n' + (claims.userId ? std::to_string(*claims.userId) : "") + '\n' +
        (claims.host ? "1" : "0") + '\n' + (claims.waiting ? "1" : "0") + '\n' +
        std::to_string(common::toUnixMillis(claims.expiresAt)) + '\n' + claims.name;
    const std::string body = std::string(kPrefix) + base64Url(payload);
    return body + '.' + toHex(hmacSha256(key_, body));
}

common::Result<JoinClaims> JoinTokenSigner::verify(
    std::string_view token, std::chrono::system_clock::time_point now) const {
    if (token.size() > kMaxJoinTokenBytes || !token.starts_with(kPrefix)) {
        return invalid();
    }
    const auto dot = token.rfind('.');
    if (dot < kPrefix.size()) {
        return invalid();
    }
    const std::string_view body = token.substr(0, dot);
    const std::string_view mac = token.substr(dot + 1);
    const std::string expected = toHex(hmacSha256(key_, body));
    if (mac.size() != expected.size() ||
        sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0) {
        return invalid();
    }
    const auto payload = fromBase64Url(body.substr(kPrefix.size()));
    if (!payload) {
        return invalid();
    }
    const auto fields = splitLines(*payload, 6);
    if (fields.size() != 6) {
        return invalid();
    }
    JoinClaims claims;
    claims.meetingId = std::string(fields[0]);
    if (!fields[1].empty()) {
        claims.userId = parseInt(fields[1]);
        if (!claims.userId) {
            return invalid();
        }
    }
    claims.host = fields[2] == "1";
    claims.waiting = fields[3] == "1";
    const auto expires = parseInt(fields[4]);
    if (!expires) {
        return invalid();
    }
    claims.expiresAt = common::fromUnixMillis(*expires);
    claims.name = std::string(fields[5]);
    if (now >= claims.expiresAt) {
        return common::makeError("join_token_expired",
                                 "the join token has expired; join the meeting again");
    }
    return claims;
}

}  // namespace vp::services::meetings
