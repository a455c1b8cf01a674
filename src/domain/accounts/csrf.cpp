#include "domain/accounts/csrf.hpp"

#include <algorithm>
#include <cctype>

#include "domain/accounts/one_time_code.hpp"

namespace vp::domain::accounts {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

bool isStateChanging(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::optional<std::string> originOf(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string scheme = lower(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") {
        return std::nullopt;
    }
    std::string_view rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (rest.empty() || rest.find('@') != std::string_view::npos) {
        return std::nullopt;
    }
    std::string host = lower(rest);
    const std::string defaultPort = scheme == "https" ? ":443" : ":80";
    if (host.size() > defaultPort.size() && host.ends_with(defaultPort) &&
        host[host.size() - defaultPort.size() - 1] != ':') {
        host.resize(host.size() - defaultPort.size());
    }
    return scheme + "://" + host;
}

CsrfDecision decideCsrf(const CsrfInput& input) {
    if (!isStateChanging(input.method)) {
        return CsrfDecision::NotStateChanging;
    }
    std::optional<std::string> origin;
    if (input.origin) {
        origin = originOf(*input.origin);
        if (!origin) {
            return CsrfDecision::ForeignOrigin;  // "null" or not a URL: never ours
        }
    } else if (input.referer) {
        origin = originOf(*input.referer);
    }
    if (!origin) {
        return CsrfDecision::MissingOrigin;
    }
    const bool ours = std::any_of(input.allowedOrigins.begin(), input.allowedOrigins.end(),
                                  [&](const std::string& allowed) {
                                      auto normal = originOf(allowed);
                                      return normal && *normal == *origin;
                                  });
    if (!ours) {
        return CsrfDecision::ForeignOrigin;
    }
    if (input.expectedToken) {
        if (!input.givenToken || input.expectedToken->empty() ||
            !constantTimeEquals(*input.expectedToken, *input.givenToken)) {
            return CsrfDecision::BadToken;
        }
    }
    return CsrfDecision::Allowed;
}

std::string_view explain(CsrfDecision decision) {
    switch (decision) {
        case CsrfDecision::Allowed:
        case CsrfDecision::NotStateChanging:
            return "allowed";
        case CsrfDecision::MissingOrigin:
            return "the request carries no Origin header; send it from the VideoPro web client";
        case CsrfDecision::ForeignOrigin:
            return "the request comes from another site (Origin does not match this service)";
        case CsrfDecision::BadToken:
            return "the X-CSRF-Token header is missing or wrong; reload the page "
                   "(GET /api/v1/me returns the token)";
    }
    return "refused";
}

}  // namespace vp::domain::accounts
