#pragma once
// HTTP header fields with case-insensitive names, in arrival order.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vp::api {

bool equalsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
  public:
    using Field = std::pair<std::string, std::string>;

    // Replaces every field of that name with one field.
    void set(std::string name, std::string value);
    // Appends a field, keeping others of the same name.
    void add(std::string name, std::string value);
    void remove(std::string_view name);
    // The first field of that name.
    std::optional<std::string_view> get(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value(); }
    const std::vector<Field>& fields() const { return fields_; }

  private:
    std::vector<Field> fields_;
};

}  // namespace vp::api
