#pragma once
// Counts open connections in total and per client IP, refusing beyond the bounds.
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace vp::api {

class ConnectionLimiter {
  public:
    enum class Verdict { Accepted, PerIpLimit, TotalLimit };

    ConnectionLimiter(std::size_t maxPerIp, std::size_t maxTotal)
        : maxPerIp_(maxPerIp), maxTotal_(maxTotal) {}

    // On Accepted the caller must release(ip) when the connection ends.
    Verdict tryAcquire(const std::string& ip);
    void release(const std::string& ip);
    std::size_t total() const;
    std::size_t forIp(const std::string& ip) const;

  private:
    std::size_t maxPerIp_;
    std::size_t maxTotal_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> perIp_;
    std::size_t total_ = 0;
};

}  // namespace vp::api
