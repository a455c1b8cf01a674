#pragma once
// Server TLS context from PEM files or a generated self-signed certificate.
#include <boost/asio/ssl/context.hpp>

#include <memory>

#include "api/server_options.hpp"
#include "common/result.hpp"

namespace vp::api::http::detail {

// Null when the options ask for plain HTTP.
common::Result<std::shared_ptr<boost::asio::ssl::context>> makeTlsContext(
    const ServerOptions& options);

}  // namespace vp::api::http::detail
