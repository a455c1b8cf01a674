#pragma once
// SmtpTransport: email through an SMTP relay with libcurl. smtp:// with STARTTLS
// (required by default) or smtps:// (implicit TLS), optional login.
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "services/outbox/curl_easy.hpp"
#include "services/outbox/transport.hpp"

namespace vp::services::outbox {

struct SmtpOptions {
    std::string url;       // smtp://mail.example.com:587 or smtps://mail.example.com:465
    bool starttls = true;  // smtp:// only: refuse to send unless the server upgrades to TLS
    std::string username;  // empty: no AUTH
    std::string password;
    std::string fromAddress;  // envelope sender and From:
    std::string fromName = "VideoPro";
    CurlLimits limits;
};

class SmtpTransport final : public Transport {
  public:
    // `clock` and `random` (Date and Message-ID) must outlive the transport.
    SmtpTransport(SmtpOptions options, const common::Clock& clock, common::Random& random);

    common::Status send(const domain::accounts::OutboundMessage& message) override;
    std::string_view name() const override { return "smtp"; }

  private:
    SmtpOptions options_;
    const common::Clock& clock_;
    common::Random& random_;
};

}  // namespace vp::services::outbox
