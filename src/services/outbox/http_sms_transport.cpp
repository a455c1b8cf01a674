#include "services/outbox/http_sms_transport.hpp"

namespace vp::services::outbox {
namespace {

constexpr std::size_t kMaxResponseBytes = 16 * 1024;

struct Discard {
    std::size_t received = 0;
};

// The gateway's answer is read and dropped (it may echo the number); a runaway
// answer is cut off.
std::size_t discardBody(char*, std::size_t size, std::size_t count, void* user) {
    auto* d = static_cast<Discard*>(user);
    d->received += size * count;
    return d->received > kMaxResponseBytes ? 0 : size * count;
}

// 4xx refuses the message for good, except timeouts and rate limiting.
bool permanentStatus(long status) {
    return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
}

}  // namespace

std::string fillSmsTemplate(std::string_view tmpl, std::string_view to, std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        const auto open = tmpl.find('{', pos);
        if (open == std::string_view::npos) {
            out.append(tmpl.substr(pos));
            return out;
        }
        out.append(tmpl.substr(pos, open - pos));
        if (tmpl.substr(open, 4) == "{to}") {
            out += urlEncode(to);
            pos = open + 4;
        } else if (tmpl.substr(open, 6) == "{text}") {
            out += urlEncode(text);
            pos = open + 6;
        } else {
            out.push_back('{');
            pos = open + 1;
        }
    }
}

common::Status HttpSmsTransport::send(const domain::accounts::OutboundMessage& message) {
    if (message.channel != domain::accounts::Channel::Sms) {
        return common::makeError(std::string(kRejected), "the SMS gateway sends SMS only");
    }
    const auto url = fillSmsTemplate(options_.urlTemplate, message.recipient, message.content.text);
    const auto body =
        fillSmsTemplate(options_.bodyTemplate, message.recipient, message.content.text);
    CurlEasy curl;
    CurlList headers;
    if (!curl.valid() || !headers.append("Content-Type: " + options_.contentType) ||
        (!options_.authHeader.empty() && !headers.append(options_.authHeader))) {
        return common::makeError(std::string(kTransient), "libcurl could not allocate a handle");
    }
    curl.applyLimits(options_.limits);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    Discard discard;
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discardBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &discard);

    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        return common::makeError(std::string(kTransient),
                                 "the SMS gateway could not be reached: " + curl.describe(rc));
    }
    const long status = curl.responseCode();
    if (status >= 200 && status < 300) {
        return {};
    }
    return common::makeError(std::string(permanentStatus(status) ? kRejected : kTransient),
                             "the SMS gateway answered HTTP " + std::to_string(status));
}

}  // namespace vp::services::outbox
