#include "domain/accounts/contact.hpp"

#include <cctype>

namespace vp::domain::accounts {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext.
bool isAtext(char c) {
    return isAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool validDotAtom(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.') {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.') {
            if (s[i + 1] == '.') {
                return false;
            }
        } else if (!isAtext(s[i])) {
            return false;
        }
    }
    return true;
}

bool validLabel(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    for (char c : label) {
        if (!isAlnum(c) && c != '-') {
            return false;
        }
    }
    return true;
}

bool validDomain(std::string_view domain) {
    if (domain.empty() || domain.size() > 253) {
        return false;
    }
    std::size_t labels = 0;
    std::size_t start = 0;
    for (;;) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!validLabel(label)) {
            return false;
        }
        ++labels;
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    // The top-level domain is not all digits (that would be an IP address).
    const auto tld = domain.substr(domain.rfind('.') + 1);
    bool allDigits = true;
    for (char c : tld) {
        allDigits = allDigits && c >= '0' && c <= '9';
    }
    return labels >= 2 && !allDigits;
}

common::Error invalidEmail(std::string_view why) {
    return common::makeError(
        "accounts.invalid_email",
        "the email address is not valid: " + std::string(why) + "; enter it as name@example.com");
}

common::Error invalidPhone(std::string_view why) {
    return common::makeError("accounts.invalid_phone",
                             "the mobile number is not valid: " + std::string(why) +
                                 "; enter it with its country code, e.g. +44 20 7946 0958");
}

}  // namespace

common::Result<std::string> normalizeEmail(std::string_view input) {
    const auto email = trim(input);
    if (email.empty()) {
        return invalidEmail("it is empty");
    }
    if (email.size() > kMaxEmailLength) {
        return invalidEmail("it is longer than 254 characters");
    }
    const auto at = email.rfind('@');
    if (at == std::string_view::npos) {
        return invalidEmail("it has no '@'");
    }
    const auto local = email.substr(0, at);
    const auto domain = email.substr(at + 1);
    if (local.size() > 64 || !validDotAtom(local)) {
        return invalidEmail("the part before '@' has characters that are not allowed");
    }
    if (!validDomain(domain)) {
        return invalidEmail("the part after '@' is not a domain name");
    }
    std::string out(local);
    out.push_back('@');
    for (char c : domain) {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

common::Result<std::string> normalizePhone(std::string_view input) {
    const auto phone = trim(input);
    if (phone.size() > 32) {
        return invalidPhone("it is too long");
    }
    std::string digits;
    bool plus = false;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return invalidPhone("it contains '" + std::string(1, c) + "'");
        }
    }
    if (!plus) {
        if (digits.size() > 2 && digits.compare(0, 2, "00") == 0) {
            digits.erase(0, 2);
        } else {
            return invalidPhone("the country code is missing");
        }
    }
    if (digits.size() < 8 || digits.size() > 15) {
        return invalidPhone("it must have 8 to 15 digits including the country code");
    }
    if (digits.front() == '0') {
        return invalidPhone("a country code never starts with 0");
    }
    return "+" + digits;
}

common::Result<Contact> parseContact(std::string_view input) {
    if (input.find('@') != std::string_view::npos) {
        auto email = normalizeEmail(input);
        if (!email) {
            return email.error();
        }
        return Contact{Channel::Email, std::move(*email)};
    }
    auto phone = normalizePhone(input);
    if (!phone) {
        return phone.error();
    }
    return Contact{Channel::Sms, std::move(*phone)};
}

}  // namespace vp::domain::accounts
