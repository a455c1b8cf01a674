#include "sfu/dtls/dtls_role.hpp"

#include <string>

namespace vp::sfu::dtls {

common::Result<RemoteDtlsRole> parseRemoteDtlsRole(std::string_view text) {
    if (text == "auto") {
        return RemoteDtlsRole::Auto;
    }
    if (text == "client") {
        return RemoteDtlsRole::Client;
    }
    if (text == "server") {
        return RemoteDtlsRole::Server;
    }
    return common::makeError("dtls_role_invalid",
                             "dtlsParameters.role must be \"auto\", "
                             "\"client\" or \"server\", got \"" +
                                 std::string(text.substr(0, 32)) + "\"");
}

DtlsRole chooseLocalRole(RemoteDtlsRole remote) {
    return remote == RemoteDtlsRole::Client ? DtlsRole::Server : DtlsRole::Client;
}

std::string_view toString(DtlsRole role) {
    return role == DtlsRole::Client ? "client" : "server";
}

}  // namespace vp::sfu::dtls
