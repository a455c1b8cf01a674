#pragma once
// A signalling channel that records what the server sends, for room tests.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "signaling/method_table.hpp"

namespace vp::rooms::test {

class RecordingChannel final : public signaling::Channel {
  public:
    explicit RecordingChannel(std::uint64_t id, std::string address = "127.0.0.1")
        : id_(id), address_(std::move(address)) {}

    void send(std::string text) override {
        std::lock_guard lock(mutex_);
        sent_.push_back(std::move(text));
    }
    void close(std::uint16_t code, std::string) override { closedWith_ = code; }
    std::uint64_t id() const override { return id_; }
    std::string remoteAddress() const override { return address_; }

    // Every frame sent so far, parsed.
    std::vector<boost::json::value> frames() const {
        std::lock_guard lock(mutex_);
        std::vector<boost::json::value> out;
        for (const auto& text : sent_) {
            out.push_back(boost::json::parse(text));
        }
        return out;
    }
    // The data of every notification named `method`, in order.
    std::vector<boost::json::object> notifications(const std::string& method) const {
        std::vector<boost::json::object> out;
        for (const auto& frame : frames()) {
            const auto& obj = frame.as_object();
            if (!obj.contains("id") && obj.at("method").as_string() == method) {
                out.push_back(obj.at("data").as_object());
            }
        }
        return out;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return sent_.size();
    }
    int closedWith() const { return closedWith_; }

  private:
    std::uint64_t id_;
    std::string address_;
    mutable std::mutex mutex_;
    std::vector<std::string> sent_;
    std::atomic<int> closedWith_{0};
};

inline std::shared_ptr<RecordingChannel> makeChannel(std::uint64_t id,
                                                     std::string address = "127.0.0.1") {
    return std::make_shared<RecordingChannel>(id, std::move(address));
}

}  // namespace vp::rooms::test
