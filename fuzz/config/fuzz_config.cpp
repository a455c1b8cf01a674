// Configuration files are operator input, but a typo must never crash the
// service: any bytes give Settings or a clear error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/config/toml_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vp::app::config::Settings settings;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto status = vp::app::config::applyTomlText(text, "fuzz.toml", settings);
    if (!status.ok() && status.error().message.empty()) {
        __builtin_trap();  // every error must say what went wrong
    }
    return 0;
}
