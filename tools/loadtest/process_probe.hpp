#pragma once
// Reads a server process's CPU time and memory from /proc (same machine).
#include <cstdint>
#include <optional>
#include <string_view>

namespace vp::tools::loadtest {

// utime + stime in clock ticks from the text of /proc/PID/stat (the command
// name in parentheses may hold spaces and parentheses).
std::optional<std::uint64_t> cpuTicksFromStat(std::string_view stat);
// A "Key:   123 kB" line of /proc/PID/status, in kB.
std::optional<std::uint64_t> statusKb(std::string_view status, std::string_view key);

struct ProcessSample {
    double cpuSeconds = 0;
    std::uint64_t rssKb = 0;
    std::uint64_t peakRssKb = 0;
};
std::optional<ProcessSample> sampleProcess(int pid);

}  // namespace vp::tools::loadtest
