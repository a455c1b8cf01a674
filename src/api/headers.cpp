#include "api/headers.hpp"

#include <algorithm>

namespace vp::api {

namespace {
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

void Headers::set(std::string name, std::string value) {
    remove(name);
    fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
    std::erase_if(fields_, [&](const Field& f) { return equalsIgnoreCase(f.first, name); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    auto it = std::find_if(fields_.begin(), fields_.end(),
                           [&](const Field& f) { return equalsIgnoreCase(f.first, name); });
    if (it == fields_.end()) {
        return std::nullopt;
    }
    return std::string_view(it->second);
}

}  // namespace vp::api
