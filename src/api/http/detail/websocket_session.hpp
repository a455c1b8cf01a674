#pragma once
// Hand-off from an HTTP session to a WebSocket session after an upgrade request.
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <memory>

#include "api/http/detail/server_state.hpp"
#include "api/request.hpp"
#include "api/websocket.hpp"

namespace vp::api::http::detail {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using TlsStream = asio::ssl::stream<tcp::socket>;

// Accepts the upgrade and runs the session on the stream's strand.
void startWebSocketSession(ServerStatePtr state, tcp::socket stream, HttpRequest upgrade,
                           Request request, std::shared_ptr<WebSocketHandler> handler,
                           ConnectionTicket ticket);
void startWebSocketSession(ServerStatePtr state, TlsStream stream, HttpRequest upgrade,
                           Request request, std::shared_ptr<WebSocketHandler> handler,
                           ConnectionTicket ticket);

}  // namespace vp::api::http::detail
