#pragma once
// Result<T>: a value or an Error, for every fallible seam (config, storage, parsers
// of untrusted input). No exceptions cross these seams.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace vp::common {

// A stable machine-readable code plus a sentence for people: what went wrong and,
// where it helps, what to do about it.
struct Error {
    std::string code;
    std::string message;

    friend bool operator==(const Error&, const Error&) = default;
};

inline Error makeError(std::string code, std::string message) {
    return Error{std::move(code), std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    T valueOr(T fallback) const { return ok() ? std::get<0>(state_) : std::move(fallback); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

  private:
    std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(failed_);
        return error_;
    }

  private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace vp::common
