#pragma once
// A test server in a child process (one of servers/*.py under Debian's python3),
// in its own temp directory; it writes its port to <dir>/port. Stopped (SIGTERM,
// then SIGKILL) and its directory removed on destruction.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace vp::services::testing {

class ServerProcess {
  public:
    // Starts servers/<script> <dir> <args...>; returns nullopt (with a reason in
    // `error`) when it does not publish a port within the timeout.
    static std::optional<ServerProcess> start(const std::string& script,
                                              const std::vector<std::string>& args,
                                              std::string& error);
    ServerProcess(ServerProcess&& other) noexcept;
    ServerProcess& operator=(ServerProcess&&) = delete;
    ~ServerProcess();

    int port() const { return port_; }
    const std::filesystem::path& dir() const { return dir_; }
    // <dir>/<n>.json, once it exists (waits up to `timeout`); empty on timeout.
    std::string waitForRecord(int n,
                              std::chrono::milliseconds timeout = std::chrono::seconds{10}) const;
    // How many <n>.json records exist now.
    int records() const;
    void stop();

  private:
    ServerProcess() = default;
    pid_t pid_ = -1;
    int port_ = 0;
    std::filesystem::path dir_;
};

// A fresh temp directory (removed by the caller).
std::filesystem::path makeTempDir(const std::string& prefix);
std::string readFile(const std::filesystem::path& path);
// A port on 127.0.0.1 on which nothing listens (bound, then released).
int closedPort();

}  // namespace vp::services::testing
