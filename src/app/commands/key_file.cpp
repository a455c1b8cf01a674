#include "app/commands/key_file.hpp"

#include <fstream>

#include "common/random.hpp"
#include "services/codes/code_hasher.hpp"

namespace vp::app::commands {

// Creates the key file when missing and checks its size and mode (the one-time code
// key's rules), then reads its 32 bytes.
common::Result<KeyBytes> loadOrCreateKeyFile(const std::string& path, const std::string& label) {
    auto checked =
        services::codes::CodeHasher::loadOrCreate(path, common::SecureRandom::instance());
    if (!checked) {
        return common::makeError("config_value", label + ": " + checked.error().message);
    }
    KeyBytes key{};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(key.data()), static_cast<std::streamsize>(key.size()))) {
        return common::makeError("config_value", label + ": cannot read '" + path + "'");
    }
    return key;
}

}  // namespace vp::app::commands
