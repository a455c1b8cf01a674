#pragma once
// A deliberately small blocking TCP client for tests: it can send anything,
// including malformed HTTP and WebSocket frames that a real client never would.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace vp::api::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;

    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string{} : it->second;
    }
};

struct WsFrame {
    std::uint8_t opcode = 0;
    std::string payload;
    // For close frames: the status code (0 when absent).
    std::uint16_t closeCode() const;
};

class RawClient {
  public:
    // Connects to 127.0.0.1:port; reads time out after `timeout`.
    explicit RawClient(std::uint16_t port,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return fd_ >= 0; }
    bool send(std::string_view data);
    // One HTTP response (Content-Length framed, or until close).
    std::optional<HttpReply> readResponse();
    // True when the peer closes (EOF or reset) within `within`, after discarding data.
    bool closedWithin(std::chrono::milliseconds within);
    // Responses to HEAD carry Content-Length but no body.
    void expectHeadOnly(bool headOnly) { headOnly_ = headOnly; }

    // WebSocket: the upgrade handshake, masked text frames, arbitrary frames.
    bool upgrade(std::string_view path);
    bool sendText(std::string_view text);
    bool sendFrame(std::uint8_t firstByte, std::string_view payload, bool masked);
    std::optional<WsFrame> readFrame();

  private:
    bool fill();  // reads more into buffer_; false on EOF/error/timeout
    bool readExactly(std::size_t n, std::string& out);

    int fd_ = -1;
    bool headOnly_ = false;
    std::string buffer_;
};

// GET (or other method) with Connection: close; nullopt when no answer came.
std::optional<HttpReply> httpRequest(std::uint16_t port, std::string_view method,
                                     std::string_view target, std::string_view extraHeaders = {},
                                     std::string_view body = {});

// Raises RLIMIT_NOFILE to at least `wanted` (bounded by the hard limit).
void raiseFileLimit(std::size_t wanted);

}  // namespace vp::api::testing
