#pragma once
// Builders of binding requests for the ICE tests, including deliberately broken ones.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sfu/packet/stun_message.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::ice::testing {

inline packet::Bytes asBytes(std::string_view s) {
    return packet::Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// Which attributes a test request carries.
struct RequestSpec {
    std::string username = "srvufrag:cliufrag";
    std::string password = "server-password-0123456789";
    bool withUsername = true;
    bool withIntegrity = true;
    bool withFingerprint = true;
    bool withPriority = true;
    std::optional<bool> controlling = true;  // nullopt: neither role attribute
    bool useCandidate = false;
    packet::StunClass cls = packet::StunClass::Request;
    std::uint8_t txidSeed = 1;
};

inline std::vector<std::uint8_t> buildRequest(const RequestSpec& spec) {
    std::vector<std::uint8_t> buffer(512);
    packet::StunTransactionId txid{};
    txid.fill(spec.txidSeed);
    packet::StunMessageWriter w(
        buffer, packet::stunMessageType(packet::kStunMethodBinding, spec.cls), txid);
    if (spec.withUsername) {
        w.addUsername(spec.username);
    }
    if (spec.withPriority) {
        w.addPriority(0x6E001EFF);
    }
    if (spec.controlling == true) {
        w.addIceControlling(42);
    } else if (spec.controlling == false) {
        w.addIceControlled(42);
    }
    if (spec.useCandidate) {
        w.addUseCandidate();
    }
    if (spec.withIntegrity) {
        w.addMessageIntegrity(asBytes(spec.password));
    }
    if (spec.withFingerprint) {
        w.addFingerprint();
    }
    buffer.resize(w.finish().value());
    return buffer;
}

inline packet::StunMessageView view(const std::vector<std::uint8_t>& bytes) {
    return packet::StunMessageView::parse(bytes).value();
}

}  // namespace vp::sfu::ice::testing
