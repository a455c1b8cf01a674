#include "raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace vp::api::testing {

std::uint16_t WsFrame::closeCode() const {
    if (opcode != 0x8 || payload.size() < 2) {
        return 0;
    }
    return static_cast<std::uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                      static_cast<unsigned char>(payload[1]));
}

RawClient::RawClient(std::uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) {
        return;
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

RawClient::~RawClient() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool RawClient::send(std::string_view data) {
    while (!data.empty()) {
        auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool RawClient::fill() {
    char chunk[16384];
    auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

bool RawClient::readExactly(std::size_t n, std::string& out) {
    while (buffer_.size() < n) {
        if (!fill()) {
            return false;
        }
    }
    out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return true;
}

std::optional<HttpReply> RawClient::readResponse() {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) {
            return std::nullopt;
        }
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    HttpReply reply;
    auto lineEnd = head.find("\r\n");
    std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.size() < 12) {
        return std::nullopt;
    }
    reply.status = std::atoi(statusLine.c_str() + 9);
    std::size_t pos = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        auto next = head.find("\r\n", pos);
        std::string line =
            head.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            auto& slot = reply.headers[name];
            // Every Set-Cookie is kept, one per line; other repeated headers: the last.
            slot = name == "set-cookie" && !slot.empty() ? slot + "\n" + value : value;
        }
        pos = next == std::string::npos ? head.size() : next + 2;
    }
    if (reply.headers.count("content-length") != 0) {
        auto length = static_cast<std::size_t>(std::stoul(reply.headers["content-length"]));
        if (reply.status == 304 || reply.status == 204 || reply.status == 101 || headOnly_) {
            length = 0;
        }
        if (!readExactly(length, reply.body)) {
            return std::nullopt;
        }
    } else if (reply.status >= 200 && reply.status != 304 && reply.status != 204) {
        while (fill()) {
        }
        reply.body = std::move(buffer_);
        buffer_.clear();
    }
    return reply;
}

bool RawClient::closedWithin(std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd_, POLLIN, 0};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 1))) <= 0) {
            continue;
        }
        char chunk[4096];
        auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return true;
        }
    }
    return false;
}

bool RawClient::upgrade(std::string_view path) {
    std::string req = "GET " + std::string(path) +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: "
                      "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n";
    if (!send(req)) {
        return false;
    }
    auto reply = readResponse();
    return reply && reply->status == 101 &&
           reply->header("sec-websocket-accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
}

bool RawClient::sendFrame(std::uint8_t firstByte, std::string_view payload, bool masked) {
    std::string frame;
    frame += static_cast<char>(firstByte);
    const std::uint8_t maskBit = masked ? 0x80 : 0x00;
    if (payload.size() < 126) {
        frame += static_cast<char>(maskBit | payload.size());
    } else if (payload.size() <= 0xFFFF) {
        frame += static_cast<char>(maskBit | 126);
        frame += static_cast<char>((payload.size() >> 8) & 0xFF);
        frame += static_cast<char>(payload.size() & 0xFF);
    } else {
        frame += static_cast<char>(maskBit | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame +=
                static_cast<char>((static_cast<std::uint64_t>(payload.size()) >> shift) & 0xFF);
        }
    }
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked) {
        frame.append(key, 4);
    }
    for (std::size_t i = 0; i < payload.size(); ++i) {
        frame += masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i];
    }
    return send(frame);
}

bool RawClient::sendText(std::string_view text) {
    return sendFrame(0x81, text, true);
}

std::optional<WsFrame> RawClient::readFrame() {
    std::string head;
    if (!readExactly(2, head)) {
        return std::nullopt;
    }
    WsFrame frame;
    frame.opcode = static_cast<std::uint8_t>(head[0] & 0x0F);
    std::uint64_t length = static_cast<unsigned char>(head[1]) & 0x7F;
    std::string ext;
    if (length == 126) {
        if (!readExactly(2, ext)) {
            return std::nullopt;
        }
        length = (static_cast<unsigned char>(ext[0]) << 8) | static_cast<unsigned char>(ext[1]);
    } else if (length == 127) {
        if (!readExactly(8, ext)) {
            return std::nullopt;
        }
        length = 0;
        for (char c : ext) {
            length = (length << 8) | static_cast<unsigned char>(c);
        }
    }
    if (!readExactly(static_cast<std::size_t>(length), frame.payload)) {
        return std::nullopt;
    }
    return frame;
}

std::optional<HttpReply> httpRequest(std::uint16_t port, std::string_view method,
                                     std::string_view target, std::string_view extraHeaders,
                                     std::string_view body) {
    RawClient client(port);
    client.expectHeadOnly(method == "HEAD");
    std::string req = std::string(method) + " " + std::string(target) +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                      std::string(extraHeaders);
    if (!body.empty()) {
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n";
    req += body;
    if (!client.connected() || !client.send(req)) {
        return std::nullopt;
    }
    return client.readResponse();
}

void raiseFileLimit(std::size_t wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) {
        return;
    }
    limit.rlim_cur = std::min<rlim_t>(static_cast<rlim_t>(wanted), limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace vp::api::testing
