#pragma once
// Small RAII helpers around libcurl's easy interface, shared by the SMTP and SMS
// transports. Each send uses its own handle on the calling thread.
#include <curl/curl.h>

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace vp::services::outbox {

struct CurlLimits {
    std::chrono::milliseconds connectTimeout{std::chrono::seconds{10}};
    std::chrono::milliseconds totalTimeout{std::chrono::seconds{30}};
    std::string caFile;      // empty: the system's CA store
    bool verifyPeer = true;  // false only for test servers with self-signed certificates
};

class CurlEasy {
  public:
    // Initialises libcurl once per process (thread-safe).
    CurlEasy();
    ~CurlEasy();
    CurlEasy(const CurlEasy&) = delete;
    CurlEasy& operator=(const CurlEasy&) = delete;

    CURL* get() const { return handle_; }
    bool valid() const { return handle_ != nullptr; }
    // Timeouts, TLS verification, no signals, no redirects, error buffer.
    void applyLimits(const CurlLimits& limits);
    // The libcurl error text of the last transfer (never the server's reply body).
    std::string describe(CURLcode code) const;
    long responseCode() const;

  private:
    CURL* handle_;
    std::array<char, CURL_ERROR_SIZE> error_{};
};

class CurlList {
  public:
    CurlList() = default;
    ~CurlList();
    CurlList(const CurlList&) = delete;
    CurlList& operator=(const CurlList&) = delete;

    bool append(const std::string& item);
    curl_slist* get() const { return list_; }

  private:
    curl_slist* list_ = nullptr;
};

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string urlEncode(std::string_view text);

}  // namespace vp::services::outbox
