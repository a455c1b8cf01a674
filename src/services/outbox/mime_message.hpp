#pragma once
// An RFC 5322 / MIME email: multipart/alternative with a text/plain and a text/html
// part (or text/plain alone), UTF-8, base64 bodies, CRLF line ends, Date and
// Message-ID headers, RFC 2047 encoded subject when it is not plain ASCII.
#include <chrono>
#include <string>
#include <string_view>

#include "common/random.hpp"
#include "common/result.hpp"

namespace vp::services::outbox {

struct MimeMessage {
    std::string fromAddress;  // noreply@example.com
    std::string fromName;     // VideoPro (may be empty)
    std::string to;
    std::string subject;
    std::string text;
    std::string html;  // empty: a single text/plain part
    std::chrono::system_clock::time_point date;
    std::string messageId;  // without angle brackets: <random>@<domain of fromAddress>
};

// A Message-ID for a sender: 32 random hex characters @ the sender's domain.
std::string makeMessageId(common::Random& random, std::string_view fromAddress);

// Refuses ("outbox.invalid_message") CR or LF in any header value, which would let a
// value inject headers.
common::Result<std::string> renderMime(const MimeMessage& message, common::Random& random);

// "Thu, 15 Jan 2027 08:00:00 +0000"
std::string rfc5322Date(std::chrono::system_clock::time_point t);
// Standard base64, lines of at most 76 characters separated by CRLF.
std::string base64Lines(std::string_view data);
// The subject as it goes into the header: itself when printable ASCII, else
// RFC 2047 "=?UTF-8?B?...?=" words that never split a UTF-8 character.
std::string encodeHeaderText(std::string_view text);

}  // namespace vp::services::outbox
