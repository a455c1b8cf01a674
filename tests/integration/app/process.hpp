#pragma once
// Runs the videopro binary as a child process, its output captured in files.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vp::app::testing {

class Process {
  public:
    // Starts VIDEOPRO_BINARY with `args`; `env` entries ("KEY=value") are added to
    // the inherited environment.
    Process(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
    ~Process();  // kills the child if it still runs
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    // Waits for the exit code; nullopt when it did not exit within `timeout`.
    std::optional<int> wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    void signal(int sig) const;
    std::string stdoutText() const;
    std::string stderrText() const;

  private:
    pid_t pid_ = -1;
    std::optional<int> exitCode_;
    std::string dir_;
};

// A temporary folder removed at destruction.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path;
};

std::string readFile(const std::string& path);

}  // namespace vp::app::testing
