#pragma once
// Structured logging: one JSON object per line, one Logger per component.
// Never pass personal information unmasked: use common/mask.hpp.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace vp::common {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

std::string_view toString(LogLevel level);
// Parses "debug", "info", "warn", "error"; returns false on anything else.
bool parseLogLevel(std::string_view text, LogLevel& out);

struct LogField {
    std::string_view key;
    std::string value;
};

// Where finished lines go. The default writes to stderr; tests capture lines.
using LogSink = std::function<void(std::string_view line)>;

class Logger {
  public:
    explicit Logger(std::string component) : component_(std::move(component)) {}

    void debug(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
        write(LogLevel::Debug, msg, fields);
    }
    void info(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
        write(LogLevel::Info, msg, fields);
    }
    void warn(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
        write(LogLevel::Warn, msg, fields);
    }
    void error(std::string_view msg, std::initializer_list<LogField> fields = {}) const {
        write(LogLevel::Error, msg, fields);
    }

    void write(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) const;

    // Process-wide settings, set once by app/ at start (tests may swap the sink).
    static void setMinimumLevel(LogLevel level);
    static void setSink(LogSink sink);

  private:
    std::string component_;
};

}  // namespace vp::common
