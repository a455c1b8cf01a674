#include "common/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "common/json_escape.hpp"

namespace vp::common {
namespace {

std::atomic<int> gMinimumLevel{static_cast<int>(LogLevel::Info)};

std::mutex& sinkMutex() {
    static std::mutex m;
    return m;
}

LogSink& sink() {
    static LogSink s = [](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fputc('\n', stderr);
    };
    return s;
}

std::string isoTimestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    return buf;
}

}  // namespace

std::string_view toString(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "debug";
        case LogLevel::Info:
            return "info";
        case LogLevel::Warn:
            return "warn";
        case LogLevel::Error:
            return "error";
    }
    return "info";
}

bool parseLogLevel(std::string_view text, LogLevel& out) {
    for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error}) {
        if (text == toString(l)) {
            out = l;
            return true;
        }
    }
    return false;
}

void Logger::write(LogLevel level, std::string_view msg,
                   std::initializer_list<LogField> fields) const {
    if (static_cast<int>(level) < gMinimumLevel.load(std::memory_order_relaxed)) {
        return;
    }
    std::string line;
    line.reserve(128);
    line += "{\"ts\":\"";
    line += isoTimestamp();
    line += "\",\"level\":\"";
    line += toString(level);
    line += "\",\"component\":";
    line += jsonString(component_);
    line += ",\"msg\":";
    line += jsonString(msg);
    for (const LogField& f : fields) {
        line += ',';
        line += jsonString(f.key);
        line += ':';
        line += jsonString(f.value);
    }
    line += '}';
    std::lock_guard lock(sinkMutex());
    sink()(line);
}

void Logger::setMinimumLevel(LogLevel level) {
    gMinimumLevel.store(static_cast<int>(level), std::memory_order_relaxed);
}

void Logger::setSink(LogSink s) {
    std::lock_guard lock(sinkMutex());
    sink() = std::move(s);
}

}  // namespace vp::common
