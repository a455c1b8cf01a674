#pragma once
// DevFileTransport: the local development transport of the embedded default. Each
// message becomes one file in a folder (var/outbox/ by default) that an operator can
// read: a complete .eml for email, a .txt for SMS. Files are written atomically
// (temporary name, then rename) and readable by the owner only.
#include <filesystem>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "services/outbox/transport.hpp"

namespace vp::services::outbox {

class DevFileTransport final : public Transport {
  public:
    DevFileTransport(std::filesystem::path folder, const common::Clock& clock,
                     common::Random& random, std::string fromAddress = "noreply@videopro.invalid");

    common::Status send(const domain::accounts::OutboundMessage& message) override;
    std::string_view name() const override { return "dev-file"; }

    // The file a message is written to: <created-ms>-<id>.eml or .txt.
    std::filesystem::path pathFor(const domain::accounts::OutboundMessage& message) const;

  private:
    common::Result<std::string> contents(const domain::accounts::OutboundMessage& message);

    std::filesystem::path folder_;
    const common::Clock& clock_;
    common::Random& random_;
    std::string fromAddress_;
};

}  // namespace vp::services::outbox
