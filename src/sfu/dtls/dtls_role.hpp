#pragma once
// DTLS roles and how ours follows from the remote's (signalled as
// dtlsParameters.role: "auto" | "client" | "server").
//
// Rule (the same as mediasoup, and RFC 5763 §5 for an answerer facing
// "actpass"): remote "client" -> we are the server; remote "server" -> we are
// the client; remote "auto" -> we are the client. We are ICE-lite, so the peer
// is ICE controlling; starting the handshake ourselves as soon as ICE has a
// selected tuple saves the round trip the peer would spend waiting for our
// answer. mediasoup-client always sends an explicit "client" or "server".
#include <string_view>

#include "common/result.hpp"

namespace vp::sfu::dtls {

enum class DtlsRole { Client, Server };
enum class RemoteDtlsRole { Auto, Client, Server };

common::Result<RemoteDtlsRole> parseRemoteDtlsRole(std::string_view text);
DtlsRole chooseLocalRole(RemoteDtlsRole remote);
std::string_view toString(DtlsRole role);

}  // namespace vp::sfu::dtls
