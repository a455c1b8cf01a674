#pragma once
// DTLS-SRTP key export (RFC 5764 §4.2): the negotiated protection profile and
// the "EXTRACTOR-dtls_srtp" keying material, split into our key + salt and the
// peer's according to our role.
#include <cstdint>
#include <span>

#include "common/result.hpp"
#include "sfu/dtls/dtls_role.hpp"
#include "sfu/dtls/srtp_keys.hpp"

struct ssl_st;

namespace vp::sfu::dtls {

// The material is client_key | server_key | client_salt | server_salt and must be
// exactly 2 * keyAndSaltLength(profile) bytes.
common::Result<SrtpKeys> splitKeyingMaterial(srtp::SrtpProfile profile, DtlsRole localRole,
                                             std::span<const std::uint8_t> material);

// Reads the selected profile from a finished handshake and exports its keys.
common::Result<SrtpKeys> exportSrtpKeys(ssl_st& ssl, DtlsRole localRole);

}  // namespace vp::sfu::dtls
