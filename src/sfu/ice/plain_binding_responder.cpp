#include "sfu/ice/plain_binding_responder.hpp"

#include <algorithm>
#include <string_view>

#include "sfu/ice/stun_address.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::ice {

std::size_t PlainBindingResponder::IpHash::operator()(
    const std::array<std::uint8_t, 16>& ip) const {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(ip.data()), ip.size()));
}

PlainBindingResponder::PlainBindingResponder(const common::Clock& clock, SendTo sendTo,
                                             PlainBindingOptions options)
    : clock_(clock), sendTo_(std::move(sendTo)), options_(options) {}

void PlainBindingResponder::forgetIdle(std::chrono::steady_clock::time_point now) {
    // A bucket that would be full again carries no state worth keeping.
    const auto refillTime = std::chrono::duration<double>(options_.burst / options_.ratePerSecond);
    std::erase_if(buckets_,
                  [&](const auto& entry) { return now - entry.second.refilled >= refillTime; });
}

bool PlainBindingResponder::take(const net::SocketAddress& from,
                                 std::chrono::steady_clock::time_point now) {
    auto it = buckets_.find(from.ipBytes());
    if (it == buckets_.end()) {
        if (buckets_.size() >= options_.maxSources) {
            forgetIdle(now);
            if (buckets_.size() >= options_.maxSources) {
                return false;
            }
        }
        it = buckets_.emplace(from.ipBytes(), Bucket{options_.burst, now}).first;
    }
    Bucket& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.refilled).count();
    b.tokens = std::min(options_.burst, b.tokens + std::max(0.0, elapsed) * options_.ratePerSecond);
    b.refilled = now;
    if (b.tokens < 1) {
        return false;
    }
    b.tokens -= 1;
    return true;
}

bool PlainBindingResponder::answer(const packet::StunMessageView& request,
                                   const net::SocketAddress& from) {
    if (!take(from, clock_.steadyNow())) {
        return false;
    }
    auto size = packet::writeBindingSuccess(response_, request.transactionId(), toStunAddress(from),
                                            packet::Bytes{});
    if (size && sendTo_) {
        sendTo_(std::span<const std::uint8_t>(response_.data(), *size), from);
    }
    return true;
}

}  // namespace vp::sfu::ice
