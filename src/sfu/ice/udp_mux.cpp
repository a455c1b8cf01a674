#include "sfu/ice/udp_mux.hpp"

#include <algorithm>

#include "sfu/ice/plain_binding_responder.hpp"

namespace vp::sfu::ice {

namespace {

template <typename T>
void eraseValue(std::vector<T>& values, const T& value) {
    values.erase(std::remove(values.begin(), values.end(), value), values.end());
}

}  // namespace

UdpMux::UdpMux(UdpMuxOptions options) : options_(options) {}

UdpMux::Routes* UdpMux::routesOf(MuxedTransport& transport) {
    auto it = transports_.find(&transport);
    if (it != transports_.end()) {
        return &it->second;
    }
    if (transports_.size() >= options_.maxTransports) {
        return nullptr;
    }
    return &transports_[&transport];
}

common::Status UdpMux::addUfrag(const std::string& ufrag, MuxedTransport& transport) {
    auto existing = byUfrag_.find(ufrag);
    if (existing != byUfrag_.end()) {
        if (existing->second == &transport) {
            return {};
        }
        return common::makeError("ice.ufrag_taken",
                                 "ICE ufrag is already used by another transport on this "
                                 "worker; generate new ICE parameters");
    }
    Routes* routes = routesOf(transport);
    if (routes == nullptr) {
        return common::makeError("ice.too_many_transports",
                                 "this worker already multiplexes " +
                                     std::to_string(options_.maxTransports) +
                                     " transports; use another worker");
    }
    byUfrag_.emplace(ufrag, &transport);
    routes->ufrags.push_back(ufrag);
    return {};
}

void UdpMux::removeUfrag(std::string_view ufrag) {
    auto it = byUfrag_.find(ufrag);
    if (it == byUfrag_.end()) {
        return;
    }
    if (auto routes = transports_.find(it->second); routes != transports_.end()) {
        eraseValue(routes->second.ufrags, it->first);
    }
    byUfrag_.erase(it);
}

common::Status UdpMux::addAddress(const net::SocketAddress& address, MuxedTransport& transport) {
    auto existing = byAddress_.find(address);
    if (existing != byAddress_.end() && existing->second == &transport) {
        return {};
    }
    Routes* routes = routesOf(transport);
    if (routes == nullptr || routes->addresses.size() >= options_.maxAddressesPerTransport) {
        return common::makeError("ice.too_many_addresses",
                                 "the transport already has " +
                                     std::to_string(options_.maxAddressesPerTransport) +
                                     " remote addresses; remove one first");
    }
    if (existing != byAddress_.end()) {
        removeAddress(address, *existing->second);
    }
    byAddress_[address] = &transport;
    routes->addresses.push_back(address);
    return {};
}

void UdpMux::removeAddress(const net::SocketAddress& address, MuxedTransport& transport) {
    auto it = byAddress_.find(address);
    if (it == byAddress_.end() || it->second != &transport) {
        return;
    }
    byAddress_.erase(it);
    if (auto routes = transports_.find(&transport); routes != transports_.end()) {
        eraseValue(routes->second.addresses, address);
    }
}

void UdpMux::removeTransport(MuxedTransport& transport) {
    auto it = transports_.find(&transport);
    if (it == transports_.end()) {
        return;
    }
    for (const std::string& ufrag : it->second.ufrags) {
        byUfrag_.erase(ufrag);
    }
    for (const net::SocketAddress& address : it->second.addresses) {
        byAddress_.erase(address);
    }
    transports_.erase(it);
}

MuxedTransport* UdpMux::findByAddress(const net::SocketAddress& from) const {
    auto it = byAddress_.find(from);
    return it == byAddress_.end() ? nullptr : it->second;
}

void UdpMux::route(std::span<const std::uint8_t> datagram, const net::SocketAddress& from) {
    const packet::PacketKind kind = packet::classifyPacket(datagram);
    if (kind == packet::PacketKind::Stun) {
        routeStun(datagram, from);
        return;
    }
    if (kind == packet::PacketKind::Unknown) {
        ++stats_.droppedMalformed;
        return;
    }
    if (MuxedTransport* transport = findByAddress(from)) {
        ++stats_.routedByAddress;
        transport->receiveDatagram(datagram, kind, from);
        return;
    }
    ++stats_.droppedUnknownSource;
}

void UdpMux::routeStun(std::span<const std::uint8_t> datagram, const net::SocketAddress& from) {
    auto message = packet::StunMessageView::parse(datagram);
    if (!message) {
        ++stats_.droppedMalformed;
        ++stats_.droppedMalformedStun;
        return;
    }
    if (message->messageClass() == packet::StunClass::Request) {
        const auto username = message->username();
        if (!username && plainBinding_ != nullptr &&
            message->method() == packet::kStunMethodBinding) {
            ++(plainBinding_->answer(*message, from) ? stats_.plainBindingAnswered
                                                     : stats_.plainBindingLimited);
            return;
        }
        if (!username) {
            ++stats_.droppedMalformed;
            ++stats_.droppedMalformedStun;
            return;
        }
        auto it = byUfrag_.find(username->substr(0, username->find(':')));
        if (it == byUfrag_.end()) {
            ++stats_.droppedUnknownUfrag;
            return;
        }
        ++stats_.routedByUfrag;
        it->second->receiveStun(*message, from);
        return;
    }
    if (MuxedTransport* transport = findByAddress(from)) {
        ++stats_.routedByAddress;
        transport->receiveStun(*message, from);
        return;
    }
    ++stats_.droppedUnknownSource;
}

}  // namespace vp::sfu::ice
