#pragma once
// Certificate fingerprints as WebRTC signals them (RFC 8122): an algorithm name
// ("sha-256") and upper-case hex bytes joined by colons ("AB:CD:...").
#include <string>
#include <string_view>

#include "common/result.hpp"

struct x509_st;

namespace vp::sfu::dtls {

struct Fingerprint {
    std::string algorithm;  // lower case: sha-1, sha-224, sha-256, sha-384, sha-512
    std::string value;      // upper-case hex pairs separated by ':'

    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// Validates and normalises a fingerprint received from signalling: known
// algorithm, the right number of hex pairs, case folded.
common::Result<Fingerprint> parseFingerprint(std::string_view algorithm, std::string_view value);

// The fingerprint of `certificate` with `algorithm` (one parseFingerprint accepts).
common::Result<Fingerprint> computeFingerprint(x509_st& certificate, std::string_view algorithm);

}  // namespace vp::sfu::dtls
