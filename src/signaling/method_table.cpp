#include "signaling/method_table.hpp"

namespace vp::signaling {

common::Status MethodTable::add(std::string method, MethodHandler handler) {
    if (method.empty() || !handler) {
        return common::makeError("bad_method", "A method needs a name and a handler.");
    }
    auto [it, inserted] = handlers_.try_emplace(std::move(method), std::move(handler));
    if (!inserted) {
        return common::makeError("duplicate_method",
                                 "Method " + it->first + " is already registered.");
    }
    return {};
}

const MethodHandler* MethodTable::find(std::string_view method) const {
    auto it = handlers_.find(method);
    return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> MethodTable::methods() const {
    std::vector<std::string> names;
    names.reserve(handlers_.size());
    for (const auto& [name, handler] : handlers_) {
        names.push_back(name);
    }
    return names;
}

}  // namespace vp::signaling
