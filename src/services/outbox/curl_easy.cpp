#include "services/outbox/curl_easy.hpp"

#include <mutex>

namespace vp::services::outbox {
namespace {

void initOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

long millis(std::chrono::milliseconds d) {
    return static_cast<long>(d.count());
}

}  // namespace

CurlEasy::CurlEasy() : handle_((initOnce(), curl_easy_init())) {}

CurlEasy::~CurlEasy() {
    if (handle_ != nullptr) {
        curl_easy_cleanup(handle_);
    }
}

void CurlEasy::applyLimits(const CurlLimits& limits) {
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_.data());
    curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, millis(limits.connectTimeout));
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, millis(limits.totalTimeout));
    curl_easy_setopt(handle_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYPEER, limits.verifyPeer ? 1L : 0L);
    curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYHOST, limits.verifyPeer ? 2L : 0L);
    if (!limits.caFile.empty()) {
        curl_easy_setopt(handle_, CURLOPT_CAINFO, limits.caFile.c_str());
    }
}

std::string CurlEasy::describe(CURLcode code) const {
    std::string text = error_[0] != '\0' ? std::string(error_.data()) : curl_easy_strerror(code);
    return text;
}

long CurlEasy::responseCode() const {
    long code = 0;
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

CurlList::~CurlList() {
    curl_slist_free_all(list_);
}

bool CurlList::append(const std::string& item) {
    auto* grown = curl_slist_append(list_, item.c_str());
    if (grown == nullptr) {
        return false;
    }
    list_ = grown;
    return true;
}

std::string urlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                                (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_' ||
                                u == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out += {'%', kHex[u >> 4], kHex[u & 0xF]};
        }
    }
    return out;
}

}  // namespace vp::services::outbox
