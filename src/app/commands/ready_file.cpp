#include "app/commands/ready_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/json_escape.hpp"

namespace vp::app::commands {

common::Status writeReadyFile(const std::string& path, const ReadyInfo& info) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "{\"http_url\":" << common::jsonString(info.httpUrl) << ",\"pid\":" << getpid()
            << "}\n";
        if (!out) {
            return common::makeError("ready_file", "cannot write the ready file " + tmp);
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        return common::makeError("ready_file",
                                 "cannot rename " + tmp + " to " + path + ": " + ec.message());
    }
    return {};
}

}  // namespace vp::app::commands
