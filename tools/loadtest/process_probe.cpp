#include "tools/loadtest/process_probe.hpp"

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>

namespace vp::tools::loadtest {

namespace {

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> slurp(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::optional<std::uint64_t> cpuTicksFromStat(std::string_view stat) {
    const auto close = stat.rfind(')');
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    // Fields after "(comm)": 3 state, 4 ppid, ... 14 utime, 15 stime.
    std::string_view rest = stat.substr(close + 1);
    std::uint64_t total = 0;
    for (int field = 3; field <= 15; ++field) {
        while (!rest.empty() && rest.front() == ' ') {
            rest.remove_prefix(1);
        }
        const auto end = rest.find(' ');
        const std::string_view token = rest.substr(0, end);
        if (token.empty()) {
            return std::nullopt;
        }
        if (field >= 14) {
            auto value = number(token);
            if (!value) {
                return std::nullopt;
            }
            total += *value;
        }
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    return total;
}

std::optional<std::uint64_t> statusKb(std::string_view status, std::string_view key) {
    std::size_t at = 0;
    while (at < status.size()) {
        const auto end = status.find('\n', at);
        const std::string_view line =
            status.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (line.size() > key.size() && line.substr(0, key.size()) == key &&
            line[key.size()] == ':') {
            std::string_view value = line.substr(key.size() + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
                value.remove_prefix(1);
            }
            return number(value);
        }
        if (end == std::string_view::npos) {
            break;
        }
        at = end + 1;
    }
    return std::nullopt;
}

std::optional<ProcessSample> sampleProcess(int pid) {
    const std::string base = "/proc/" + std::to_string(pid) + "/";
    auto stat = slurp(base + "stat");
    auto status = slurp(base + "status");
    if (!stat || !status) {
        return std::nullopt;
    }
    auto ticks = cpuTicksFromStat(*stat);
    if (!ticks) {
        return std::nullopt;
    }
    ProcessSample sample;
    sample.cpuSeconds = static_cast<double>(*ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
    sample.rssKb = statusKb(*status, "VmRSS").value_or(0);
    sample.peakRssKb = statusKb(*status, "VmHWM").value_or(0);
    return sample;
}

}  // namespace vp::tools::loadtest
