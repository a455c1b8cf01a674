#include "sfu/srtp/aead_rtp_cipher.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <climits>
#include <cstring>

namespace vp::sfu::srtp {
namespace {

constexpr std::size_t kKeyLength = 16;
constexpr std::uint8_t kLabelEncryption = 0x00;
constexpr std::uint8_t kLabelSalt = 0x02;

EVP_CIPHER_CTX* context(void* p) {
    return static_cast<EVP_CIPHER_CTX*>(p);
}

// RFC 3711 §4.3.1 with key_derivation_rate 0: AES-CM keystream under the master
// key, starting at IV = (master salt XOR (label at byte 7)) || 00 00. A 12-byte
// master salt takes the first twelve bytes of the 14-byte field (as libsrtp does).
bool deriveSessionKey(std::span<const std::uint8_t> masterKey,
                      std::span<const std::uint8_t> masterSalt, std::uint8_t label,
                      std::span<std::uint8_t> out) {
    std::array<std::uint8_t, 16> iv{};
    std::memcpy(iv.data(), masterSalt.data(), masterSalt.size());
    iv[7] ^= label;
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    if (ctx == nullptr) {
        return false;
    }
    std::array<std::uint8_t, 32> zeros{};
    int written = 0;
    const bool ok =
        out.size() <= zeros.size() &&
        EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), nullptr, masterKey.data(), iv.data()) == 1 &&
        EVP_EncryptUpdate(ctx, out.data(), &written, zeros.data(), static_cast<int>(out.size())) ==
            1 &&
        static_cast<std::size_t>(written) == out.size();
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

std::uint16_t read16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

}  // namespace

std::size_t rtpHeaderLength(std::span<const std::uint8_t> packet) {
    if (packet.size() < 12 || (packet[0] >> 6) != 2) {
        return 0;
    }
    std::size_t header = 12 + 4 * static_cast<std::size_t>(packet[0] & 0x0f);
    if ((packet[0] & 0x10) != 0) {
        if (packet.size() < header + 4) {
            return 0;
        }
        header += 4 + 4 * static_cast<std::size_t>(read16(packet.data() + header + 2));
    }
    return header <= packet.size() ? header : 0;
}

std::uint64_t estimatePacketIndex(std::uint64_t highestIndex, std::uint16_t sequence) {
    if (highestIndex <= 32768) {
        return sequence;  // libsrtp guesses no wrap until the index has passed 2^15
    }
    const auto highestSequence = static_cast<std::uint16_t>(highestIndex & 0xffff);
    const auto roc = static_cast<std::uint32_t>(highestIndex >> 16);
    std::uint32_t guess = roc;
    if (highestSequence < 32768) {
        if (sequence > highestSequence && sequence - highestSequence > 32768) {
            guess = roc - 1;  // from before the last wrap
        }
    } else if (sequence < highestSequence - 32768) {
        guess = roc + 1;  // wrapped
    }
    return (std::uint64_t{guess} << 16) | sequence;
}

common::Result<std::unique_ptr<AeadRtpCipher>> AeadRtpCipher::create(
    Mode mode, std::span<const std::uint8_t> keyAndSalt) {
    if (keyAndSalt.size() != kKeyAndSaltLength) {
        return common::makeError("srtp_bad_key_length",
                                 "AEAD_AES_128_GCM needs 28 bytes of master key and salt");
    }
    const auto masterKey = keyAndSalt.first(kKeyLength);
    const auto masterSalt = keyAndSalt.subspan(kKeyLength);
    std::array<std::uint8_t, kKeyLength> sessionKey{};
    std::unique_ptr<AeadRtpCipher> cipher(new AeadRtpCipher());
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    cipher->cipher_ = ctx;
    const bool ok =
        ctx != nullptr && deriveSessionKey(masterKey, masterSalt, kLabelEncryption, sessionKey) &&
        deriveSessionKey(masterKey, masterSalt, kLabelSalt, cipher->salt_) &&
        (mode == Mode::Seal
             ? EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), nullptr, sessionKey.data(), nullptr)
             : EVP_DecryptInit_ex(ctx, EVP_aes_128_gcm(), nullptr, sessionKey.data(), nullptr)) ==
            1;
    OPENSSL_cleanse(sessionKey.data(), sessionKey.size());
    if (!ok) {
        return common::makeError("srtp_create_failed",
                                 "OpenSSL could not set up AES-128-GCM for SRTP");
    }
    return cipher;
}

AeadRtpCipher::~AeadRtpCipher() {
    EVP_CIPHER_CTX_free(context(cipher_));
    OPENSSL_cleanse(salt_, sizeof(salt_));
}

void AeadRtpCipher::iv(const std::uint8_t* p, std::uint32_t roc, std::uint8_t out[12]) const {
    const std::uint8_t plain[12] = {0,
                                    0,
                                    p[8],
                                    p[9],
                                    p[10],
                                    p[11],
                                    static_cast<std::uint8_t>(roc >> 24),
                                    static_cast<std::uint8_t>(roc >> 16),
                                    static_cast<std::uint8_t>(roc >> 8),
                                    static_cast<std::uint8_t>(roc),
                                    p[2],
                                    p[3]};
    for (std::size_t i = 0; i < sizeof(plain); ++i) {
        out[i] = plain[i] ^ salt_[i];
    }
}

bool AeadRtpCipher::seal(std::uint8_t* p, std::size_t header, std::size_t length,
                         std::uint32_t roc) {
    if (length > INT_MAX / 2 || header > length) {
        return false;
    }
    std::uint8_t nonce[12];
    iv(p, roc, nonce);
    EVP_CIPHER_CTX* ctx = context(cipher_);
    int written = 0;
    const int payload = static_cast<int>(length - header);
    return EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) == 1 &&
           EVP_EncryptUpdate(ctx, nullptr, &written, p, static_cast<int>(header)) == 1 &&
           (payload == 0 ||
            EVP_EncryptUpdate(ctx, p + header, &written, p + header, payload) == 1) &&
           EVP_EncryptFinal_ex(ctx, p + length, &written) == 1 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagLength),
                               p + length) == 1;
}

bool AeadRtpCipher::open(std::uint8_t* p, std::size_t header, std::size_t length,
                         std::uint32_t roc) {
    if (length > INT_MAX / 2 || length < header + kTagLength) {
        return false;
    }
    std::uint8_t nonce[12];
    iv(p, roc, nonce);
    EVP_CIPHER_CTX* ctx = context(cipher_);
    int written = 0;
    const std::size_t end = length - kTagLength;
    const int payload = static_cast<int>(end - header);
    return EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) == 1 &&
           EVP_DecryptUpdate(ctx, nullptr, &written, p, static_cast<int>(header)) == 1 &&
           (payload == 0 ||
            EVP_DecryptUpdate(ctx, p + header, &written, p + header, payload) == 1) &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagLength), p + end) ==
               1 &&
           EVP_DecryptFinal_ex(ctx, p + end, &written) == 1;
}

}  // namespace vp::sfu::srtp
