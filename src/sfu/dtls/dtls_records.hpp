#pragma once
// DTLS record framing (RFC 6347 §4.1): 13-byte headers (type, version, epoch,
// sequence number, length) followed by the record body.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace vp::sfu::dtls {

inline constexpr std::size_t kDtlsRecordHeaderLength = 13;

// Packs the records OpenSSL wrote into a memory BIO (which keeps no datagram
// boundaries) into datagrams of at most `mtu` bytes, never splitting a record;
// DTLS allows several records per datagram. Calls `emit` once per datagram, in
// order. A malformed tail (cannot come from OpenSSL) is emitted as it is.
void packRecords(std::span<const std::uint8_t> records, std::size_t mtu,
                 const std::function<void(std::span<const std::uint8_t>)>& emit);

// False for a received datagram holding an encrypted record (epoch > 0) shorter
// than `minEncryptedBody`: OpenSSL 3.0 treats an AEAD record too short for its
// nonce and tag as a fatal internal error instead of dropping it, so one
// spoofed datagram could end a session. Everything else is left to OpenSSL.
bool encryptedRecordsLongEnough(std::span<const std::uint8_t> datagram,
                                std::size_t minEncryptedBody);

}  // namespace vp::sfu::dtls
