#include "domain/accounts/cookies.hpp"

namespace vp::domain::accounts {

std::string sessionSetCookie(std::string_view value, const CookieAttributes& attributes) {
    std::string out(kSessionCookie);
    out += '=';
    out += value;
    out += "; Path=/; Max-Age=" + std::to_string(attributes.maxAge.count());
    out += "; HttpOnly; SameSite=Lax";
    if (attributes.secure) {
        out += "; Secure";
    }
    return out;
}

std::string sessionClearCookie(bool secure) {
    return sessionSetCookie("", {secure, std::chrono::seconds{0}});
}

std::optional<std::string_view> findCookie(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view pair = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) {
            pair.remove_prefix(1);
        }
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != name) {
            continue;
        }
        std::string_view value = pair.substr(eq + 1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
            value.remove_suffix(1);
        }
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return value;
    }
    return std::nullopt;
}

}  // namespace vp::domain::accounts
