#include "common/mask.hpp"

#include <algorithm>

namespace vp::common {

std::string maskEmail(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0) {
        return "***";
    }
    const std::string_view domain = email.substr(at + 1);
    const auto dot = domain.rfind('.');
    std::string out;
    out += email[0];
    out += "***@";
    if (dot == std::string_view::npos || dot == 0) {
        out += "***";
        return out;
    }
    out += domain[0];
    out += "***";
    out += domain.substr(dot);
    return out;
}

std::string maskPhone(std::string_view phone) {
    std::string out;
    std::size_t digits = static_cast<std::size_t>(
        std::count_if(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }));
    if (digits <= 4) {
        return std::string(digits, '*');
    }
    const std::size_t keepHead = phone.starts_with('+') ? 2 : 0;
    std::size_t seen = 0;
    for (char c : phone) {
        if (c < '0' || c > '9') {
            if (c == '+') {
                out += c;
            }
            continue;
        }
        ++seen;
        out += (seen <= keepHead || seen > digits - 4) ? c : '*';
    }
    return out;
}

std::string maskIp(std::string_view ip) {
    if (ip.find(':') != std::string_view::npos) {
        std::size_t first = ip.find(':');
        std::size_t second = ip.find(':', first + 1);
        if (second == std::string_view::npos) {
            return "*";
        }
        return std::string(ip.substr(0, second)) + ":*";
    }
    std::size_t first = ip.find('.');
    std::size_t second = first == std::string_view::npos ? first : ip.find('.', first + 1);
    if (second == std::string_view::npos) {
        return "*";
    }
    return std::string(ip.substr(0, second)) + ".*.*";
}

}  // namespace vp::common
