#include "tools/loadtest/http_post.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace vp::tools::loadtest {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr std::size_t kMaxReplyBytes = 64 * 1024;

}  // namespace

common::Result<HttpReply> postJson(const Url& server, const std::string& target,
                                   const std::string& body, std::chrono::milliseconds timeout) {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    beast::error_code ec;
    tcp::resolver resolver(io);
    const std::string hostPort = server.host + ":" + std::to_string(server.port);
    const std::string origin = "http://" + hostPort;
    auto endpoints = resolver.resolve(server.host, std::to_string(server.port), ec);
    stream.expires_after(timeout);
    if (!ec) {
        stream.connect(endpoints, ec);
    }
    if (ec) {
        return common::makeError("loadtest.http_unreachable",
                                 "cannot reach " + origin + ": " + ec.message());
    }
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, hostPort);
    request.set(http::field::origin, origin);
    request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request, ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxReplyBytes);
    if (!ec) {
        http::read(stream, buffer, parser, ec);
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    if (!parser.is_done()) {
        return common::makeError("loadtest.http_failed", "POST " + target + " got no reply");
    }
    HttpReply reply;
    reply.status = static_cast<int>(parser.get().result_int());
    reply.body = boost::json::parse(parser.get().body(), ec);
    if (ec) {
        reply.body = nullptr;
    }
    return reply;
}

}  // namespace vp::tools::loadtest
