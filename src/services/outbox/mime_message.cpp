#include "services/outbox/mime_message.hpp"

#include <ctime>

namespace vp::services::outbox {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::size_t kLineLength = 76;
constexpr std::size_t kBytesPerEncodedWord = 45;  // 60 base64 characters + 12 of framing

std::string base64(std::string_view data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
        out += {kBase64[(n >> 18) & 63], kBase64[(n >> 12) & 63], kBase64[(n >> 6) & 63],
                kBase64[n & 63]};
    }
    const auto rest = data.size() - i;
    if (rest > 0) {
        auto n = static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8;
        }
        out += {kBase64[(n >> 18) & 63], kBase64[(n >> 12) & 63],
                rest == 2 ? kBase64[(n >> 6) & 63] : '=', '='};
    }
    return out;
}

bool plainAscii(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e) {
            return false;
        }
    }
    return true;
}

bool hasLineBreak(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

std::string normalizeLineEnds(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 40);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            continue;
        }
        if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

void appendPart(std::string& out, std::string_view contentType, std::string_view body) {
    out += "Content-Type: ";
    out += contentType;
    out += "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(normalizeLineEnds(body));
}

std::string formatFrom(const MimeMessage& m) {
    if (m.fromName.empty()) {
        return "<" + m.fromAddress + ">";
    }
    if (plainAscii(m.fromName) && m.fromName.find_first_of("\"\\") == std::string::npos) {
        return "\"" + m.fromName + "\" <" + m.fromAddress + ">";
    }
    return encodeHeaderText(m.fromName) + " <" + m.fromAddress + ">";
}

}  // namespace

std::string makeMessageId(common::Random& random, std::string_view fromAddress) {
    const auto at = fromAddress.rfind('@');
    const auto domain = at == std::string_view::npos ? std::string_view("videopro.invalid")
                                                     : fromAddress.substr(at + 1);
    return random.hexToken(16) + "@" + std::string(domain);
}

std::string rfc5322Date(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[64];
    const auto n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return std::string(buf, n);
}

std::string base64Lines(std::string_view data) {
    const auto encoded = base64(data);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / kLineLength * 2 + 2);
    for (std::size_t i = 0; i < encoded.size(); i += kLineLength) {
        out.append(encoded, i, kLineLength);
        out += "\r\n";
    }
    return out;
}

std::string encodeHeaderText(std::string_view text) {
    if (plainAscii(text)) {
        return std::string(text);
    }
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + kBytesPerEncodedWord);
        // Back off to the start of a UTF-8 character (never a continuation byte).
        while (end < text.size() && end > start + 1 &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
            --end;
        }
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

common::Result<std::string> renderMime(const MimeMessage& m, common::Random& random) {
    for (std::string_view value :
         {std::string_view(m.fromAddress), std::string_view(m.fromName), std::string_view(m.to),
          std::string_view(m.subject), std::string_view(m.messageId)}) {
        if (hasLineBreak(value)) {
            return common::makeError("outbox.invalid_message",
                                     "a header value holds a line break; refusing to send");
        }
    }
    std::string out;
    out.reserve(m.text.size() * 2 + m.html.size() * 2 + 1024);
    out += "Date: " + rfc5322Date(m.date) + "\r\n";
    out += "From: " + formatFrom(m) + "\r\n";
    out += "To: <" + m.to + ">\r\n";
    out += "Subject: " + encodeHeaderText(m.subject) + "\r\n";
    out += "Message-ID: <" + m.messageId + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    if (m.html.empty()) {
        appendPart(out, "text/plain", m.text);
        return out;
    }
    const auto boundary = "=_vp_" + random.hexToken(12);
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "This is a multi-part message in MIME format.\r\n";
    out += "--" + boundary + "\r\n";
    appendPart(out, "text/plain", m.text);
    out += "--" + boundary + "\r\n";
    appendPart(out, "text/html", m.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace vp::services::outbox
