#include "server_process.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "common/random.hpp"

namespace vp::services::testing {

std::filesystem::path makeTempDir(const std::string& prefix) {
    const auto dir = std::filesystem::temp_directory_path() /
                     (prefix + common::SecureRandom::instance().hexToken(6));
    std::filesystem::create_directories(dir);
    return dir;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::optional<ServerProcess> ServerProcess::start(const std::string& script,
                                                  const std::vector<std::string>& args,
                                                  std::string& error) {
    ServerProcess p;
    p.dir_ = makeTempDir("vp-server-");
    std::vector<std::string> argv{"/usr/bin/python3",
                                  std::string(VP_TEST_SERVERS_DIR) + "/" + script, p.dir_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) {
        cargv.push_back(a.data());
    }
    cargv.push_back(nullptr);
    p.pid_ = ::fork();
    if (p.pid_ == 0) {
        ::execv(cargv[0], cargv.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{15};
    while (std::chrono::steady_clock::now() < deadline) {
        const auto text = readFile(p.dir_ / "port");
        if (!text.empty()) {
            p.port_ = std::stoi(text);
            return p;
        }
        int status = 0;
        if (::waitpid(p.pid_, &status, WNOHANG) == p.pid_) {
            p.pid_ = -1;
            error = script + " exited before listening (is python3-aiosmtpd installed?)";
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    error = script + " published no port within 15 s";
    return std::nullopt;
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept
    : pid_(other.pid_), port_(other.port_), dir_(std::move(other.dir_)) {
    other.pid_ = -1;
    other.dir_.clear();
}

ServerProcess::~ServerProcess() {
    stop();
    if (!dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

void ServerProcess::stop() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 250; ++i) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string ServerProcess::waitForRecord(int n, std::chrono::milliseconds timeout) const {
    const auto path = dir_ / (std::to_string(n) + ".json");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(path)) {
            return readFile(path);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    return {};
}

int ServerProcess::records() const {
    int n = 0;
    while (std::filesystem::exists(dir_ / (std::to_string(n + 1) + ".json"))) {
        ++n;
    }
    return n;
}

}  // namespace vp::services::testing
