#include "tools/loadtest/url.hpp"

#include <charconv>

namespace vp::tools::loadtest {

common::Result<Url> parseUrl(std::string_view text) {
    const auto bad = [&](const std::string& why) {
        return common::makeError("loadtest.bad_url",
                                 "\"" + std::string(text) + "\" " + why +
                                     "; use ws://HOST:PORT/PATH or http://HOST:PORT/PATH");
    };
    Url url;
    const auto colon = text.find("://");
    if (colon == std::string_view::npos) {
        return bad("has no scheme");
    }
    url.scheme = std::string(text.substr(0, colon));
    if (url.scheme != "ws" && url.scheme != "http") {
        return bad("has an unsupported scheme");
    }
    std::string_view rest = text.substr(colon + 3);
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    url.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    const auto portColon = authority.rfind(':');
    url.port = 80;
    if (portColon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
        const std::string_view port = authority.substr(portColon + 1);
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
            return bad("has an invalid port");
        }
        url.port = static_cast<std::uint16_t>(value);
        authority = authority.substr(0, portColon);
    }
    if (authority.empty()) {
        return bad("has no host");
    }
    url.host = std::string(authority);
    return url;
}

}  // namespace vp::tools::loadtest
