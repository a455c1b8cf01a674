#pragma once
// Reading nested fields of untrusted JSON replies without throwing.
#include <boost/json/value.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace vp::tools::loadtest {

// The value at keys... (objects only), or null.
inline const boost::json::value* path(const boost::json::value& v,
                                      std::initializer_list<std::string_view> keys) {
    const boost::json::value* at = &v;
    for (auto key : keys) {
        if (!at->is_object()) {
            return nullptr;
        }
        at = at->as_object().if_contains(key);
        if (at == nullptr) {
            return nullptr;
        }
    }
    return at;
}

// The string at keys..., or "" when absent or not a string.
inline std::string stringAt(const boost::json::value& v,
                            std::initializer_list<std::string_view> keys) {
    const boost::json::value* at = path(v, keys);
    return at != nullptr && at->is_string() ? std::string(at->as_string()) : std::string();
}

// The unsigned integer at keys..., if it is one.
inline std::optional<std::uint64_t> unsignedAt(const boost::json::value& v,
                                               std::initializer_list<std::string_view> keys) {
    const boost::json::value* at = path(v, keys);
    if (at != nullptr && at->is_int64() && at->as_int64() >= 0) {
        return static_cast<std::uint64_t>(at->as_int64());
    }
    if (at != nullptr && at->is_uint64()) {
        return at->as_uint64();
    }
    return std::nullopt;
}

}  // namespace vp::tools::loadtest
