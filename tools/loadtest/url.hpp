#pragma once
// A ws:// or http:// URL split into what a plain TCP client needs.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::tools::loadtest {

struct Url {
    std::string scheme;  // "ws" or "http"
    std::string host;
    std::uint16_t port = 0;
    std::string path;  // "/" when absent
};

// Only plain ws:// and http:// (the benchmark runs on loopback); wss/https are refused.
common::Result<Url> parseUrl(std::string_view text);

}  // namespace vp::tools::loadtest
