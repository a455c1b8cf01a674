#include "services/outbox/smtp_transport.hpp"

#include <algorithm>
#include <cstring>

#include "services/outbox/mime_message.hpp"

namespace vp::services::outbox {
namespace {

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const auto n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// 5xx replies refuse the message for good, except those about our own login or TLS
// (530, 534, 535, 538): those are configuration to fix, after which a retry works.
bool permanentReply(long code) {
    return code >= 500 && code < 600 && code != 530 && code != 534 && code != 535 && code != 538;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpOptions options, const common::Clock& clock,
                             common::Random& random)
    : options_(std::move(options)), clock_(clock), random_(random) {}

common::Status SmtpTransport::send(const domain::accounts::OutboundMessage& message) {
    if (message.channel != domain::accounts::Channel::Email) {
        return common::makeError(std::string(kRejected), "the SMTP transport sends email only");
    }
    MimeMessage mime{options_.fromAddress, options_.fromName,
                     message.recipient,    message.content.subject,
                     message.content.text, message.content.html,
                     clock_.now(),         makeMessageId(random_, options_.fromAddress)};
    auto rendered = renderMime(mime, random_);
    if (!rendered) {
        return common::makeError(std::string(kRejected), rendered.error().message);
    }
    CurlEasy curl;
    CurlList recipients;
    if (!curl.valid() || !recipients.append("<" + message.recipient + ">")) {
        return common::makeError(std::string(kTransient), "libcurl could not allocate a handle");
    }
    curl.applyLimits(options_.limits);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
    if (options_.starttls) {
        curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    }
    if (!options_.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, options_.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
    }
    const auto from = "<" + options_.fromAddress + ">";
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    Upload upload{*rendered};
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rendered->size()));

    const CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK) {
        return {};
    }
    const long reply = curl.responseCode();
    const auto what = "SMTP delivery failed: " + curl.describe(rc) + " (last reply " +
                      std::to_string(reply) + ")";
    return common::makeError(std::string(permanentReply(reply) ? kRejected : kTransient), what);
}

}  // namespace vp::services::outbox
