#include "sfu/ice/ice_server.hpp"

#include <algorithm>
#include <cassert>

#include "sfu/ice/stun_address.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::ice {

namespace {

packet::Bytes asBytes(std::string_view s) {
    return packet::Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

}  // namespace

std::string_view toString(IceState state) {
    switch (state) {
        case IceState::New:
            return "new";
        case IceState::Connected:
            return "connected";
        case IceState::Completed:
            return "completed";
        case IceState::Disconnected:
            return "disconnected";
    }
    return "unknown";
}

IceServer::IceServer(IceParameters local, IceServerOptions options, IceServerEvents events,
                     const common::Clock& clock)
    : local_(std::move(local)), options_(options), events_(std::move(events)), clock_(clock) {
    assert(local_.usernameFragment.size() >= 4 && local_.password.size() >= 22);
    options_.maxTuples = std::max<std::size_t>(options_.maxTuples, 1);
}

StunVerdict IceServer::handleStun(const packet::StunMessageView& message,
                                  const net::SocketAddress& from) {
    if (auto verdict = validate(message, from)) {
        return *verdict;
    }
    ++stats_.accepted;
    respondSuccess(message, from);

    const bool nominated = message.useCandidate();
    const std::size_t index = refreshTuple(from);
    switch (state_) {
        case IceState::New:
        case IceState::Disconnected:
            select(index);
            setState(nominated ? IceState::Completed : IceState::Connected);
            break;
        case IceState::Connected:
            if (nominated) {
                select(index);
                setState(IceState::Completed);
            }
            break;
        case IceState::Completed:
            if (nominated) {
                select(index);  // renomination moves media to this tuple
            }
            break;
    }
    return StunVerdict::Accepted;
}

std::optional<StunVerdict> IceServer::validate(const packet::StunMessageView& message,
                                               const net::SocketAddress& from) {
    // Only binding requests carrying a valid FINGERPRINT are ICE; drop the rest
    // without an answer (RFC 8445 section 7.3, RFC 8489 section 6.3).
    if (message.method() != packet::kStunMethodBinding ||
        message.messageClass() != packet::StunClass::Request || !message.verifyFingerprint()) {
        ++stats_.dropped;
        return StunVerdict::Dropped;
    }
    const auto username = message.username();
    if (!username || !message.hasMessageIntegrity()) {
        ++stats_.badRequest;
        reject(message, from, 400, "Bad Request: USERNAME and MESSAGE-INTEGRITY are required",
               false);
        return StunVerdict::Rejected;
    }
    // USERNAME is "<our ufrag>:<their ufrag>".
    const auto colon = username->find(':');
    if (colon == std::string_view::npos || username->substr(0, colon) != local_.usernameFragment ||
        colon + 1 == username->size() ||
        !message.verifyMessageIntegrity(asBytes(local_.password))) {
        ++stats_.unauthorized;
        reject(message, from, 401, "Unauthorized", false);
        return StunVerdict::Rejected;
    }
    if (message.iceControlled()) {
        // A lite agent is always controlled; the peer must take the controlling role.
        ++stats_.roleConflict;
        reject(message, from, 487, "Role Conflict", true);
        return StunVerdict::Rejected;
    }
    if (!message.iceControlling() || !message.priority()) {
        ++stats_.badRequest;
        reject(message, from, 400, "Bad Request: ICE-CONTROLLING and PRIORITY are required", true);
        return StunVerdict::Rejected;
    }
    return std::nullopt;
}

void IceServer::reject(const packet::StunMessageView& message, const net::SocketAddress& from,
                       std::uint16_t code, std::string_view reason, bool authenticated) {
    auto size =
        packet::writeBindingError(response_, message.transactionId(), code, reason,
                                  authenticated ? asBytes(local_.password) : packet::Bytes{});
    if (size && events_.sendTo) {
        events_.sendTo(std::span<const std::uint8_t>(response_.data(), *size), from);
    }
}

void IceServer::respondSuccess(const packet::StunMessageView& message,
                               const net::SocketAddress& from) {
    auto size = packet::writeBindingSuccess(response_, message.transactionId(), toStunAddress(from),
                                            asBytes(local_.password));
    if (size && events_.sendTo) {
        events_.sendTo(std::span<const std::uint8_t>(response_.data(), *size), from);
    }
}

std::size_t IceServer::refreshTuple(const net::SocketAddress& from) {
    const auto now = clock_.steadyNow();
    auto it = std::find_if(tuples_.begin(), tuples_.end(),
                           [&](const Tuple& t) { return t.address == from; });
    if (it != tuples_.end()) {
        it->lastConsent = now;
        return static_cast<std::size_t>(it - tuples_.begin());
    }
    if (tuples_.size() >= options_.maxTuples) {
        evictOneTuple();
    }
    tuples_.push_back(Tuple{from, now});
    if (events_.onTupleAdded) {
        events_.onTupleAdded(from);
    }
    return tuples_.size() - 1;
}

void IceServer::evictOneTuple() {
    // The least recently refreshed tuple that is not carrying media.
    std::optional<std::size_t> victim;
    for (std::size_t i = 0; i < tuples_.size(); ++i) {
        if (selected_ && tuples_[i].address == *selected_) {
            continue;
        }
        if (!victim || tuples_[i].lastConsent < tuples_[*victim].lastConsent) {
            victim = i;
        }
    }
    if (victim) {
        removeTupleAt(*victim);
    }
}

void IceServer::removeTupleAt(std::size_t index) {
    const net::SocketAddress address = tuples_[index].address;
    tuples_.erase(tuples_.begin() + static_cast<long>(index));
    if (events_.onTupleRemoved) {
        events_.onTupleRemoved(address);
    }
}

void IceServer::select(std::optional<std::size_t> index) {
    std::optional<net::SocketAddress> next;
    if (index) {
        next = tuples_[*index].address;
    }
    if (next == selected_) {
        return;
    }
    selected_ = next;
    if (events_.onSelectedTupleChanged) {
        events_.onSelectedTupleChanged(selected_);
    }
}

void IceServer::setState(IceState state) {
    if (state == state_) {
        return;
    }
    state_ = state;
    if (events_.onStateChanged) {
        events_.onStateChanged(state_);
    }
}

void IceServer::checkConsent() {
    const auto now = clock_.steadyNow();
    const auto expired = [&](const Tuple& t) {
        return now - t.lastConsent > options_.consentTimeout;
    };
    auto selected = std::find_if(tuples_.begin(), tuples_.end(), [&](const Tuple& t) {
        return selected_ && t.address == *selected_;
    });
    if (selected != tuples_.end() && expired(*selected)) {
        // Consent lost: forget every tuple; a new valid check starts over.
        select(std::nullopt);
        while (!tuples_.empty()) {
            removeTupleAt(tuples_.size() - 1);
        }
        setState(IceState::Disconnected);
        return;
    }
    for (std::size_t i = tuples_.size(); i-- > 0;) {
        const bool isSelected = selected_ && tuples_[i].address == *selected_;
        if (!isSelected && expired(tuples_[i])) {
            removeTupleAt(i);
        }
    }
}

void IceServer::restart(IceParameters local) {
    assert(local.usernameFragment.size() >= 4 && local.password.size() >= 22);
    local_ = std::move(local);
}

std::optional<net::SocketAddress> IceServer::selectedTuple() const {
    return selected_;
}

std::vector<net::SocketAddress> IceServer::tuples() const {
    std::vector<net::SocketAddress> out;
    out.reserve(tuples_.size());
    for (const Tuple& t : tuples_) {
        out.push_back(t.address);
    }
    return out;
}

}  // namespace vp::sfu::ice
