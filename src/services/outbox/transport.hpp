#pragma once
// Transport: the seam between the outbox and the world. One per channel; each send
// runs on the outbox worker's thread, never on a network thread.
#include <string_view>

#include "common/result.hpp"
#include "domain/accounts/outbound_message.hpp"

namespace vp::services::outbox {

// The error code of a permanent failure: the receiving side refused the message
// (unknown recipient, malformed request) and sending it again cannot help. Every
// other error is retried with back-off.
inline constexpr std::string_view kRejected = "outbox.rejected";
inline constexpr std::string_view kTransient = "outbox.unavailable";

class Transport {
  public:
    virtual ~Transport() = default;
    virtual common::Status send(const domain::accounts::OutboundMessage& message) = 0;
    virtual std::string_view name() const = 0;
};

}  // namespace vp::services::outbox
