#pragma once
// HttpSmsTransport: SMS through an HTTP gateway. A POST to a URL template whose
// {to} and {text} placeholders are replaced with URL-encoded values, with an
// optional body template (same placeholders, URL-encoded) and an optional auth
// header. Any 2xx answer means accepted.
#include <cstddef>
#include <string>

#include "services/outbox/curl_easy.hpp"
#include "services/outbox/transport.hpp"

namespace vp::services::outbox {

struct HttpSmsOptions {
    std::string urlTemplate;   // https://sms.example.com/send?to={to}&text={text}
    std::string bodyTemplate;  // e.g. "To={to}&Body={text}"; empty: no body
    std::string contentType = "application/x-www-form-urlencoded";
    std::string authHeader;  // a whole header line, "Authorization: Bearer ..."; empty: none
    CurlLimits limits;
};

class HttpSmsTransport final : public Transport {
  public:
    explicit HttpSmsTransport(HttpSmsOptions options) : options_(std::move(options)) {}

    common::Status send(const domain::accounts::OutboundMessage& message) override;
    std::string_view name() const override { return "http-sms"; }

  private:
    HttpSmsOptions options_;
};

// Replaces {to} and {text} with the URL-encoded values.
std::string fillSmsTemplate(std::string_view tmpl, std::string_view to, std::string_view text);

}  // namespace vp::services::outbox
