#pragma once
// Meeting IDs (R-MEET-1): 9 to 11 decimal digits, drawn from a CSPRNG (so the next
// ID cannot be guessed from earlier ones), never with a leading zero. Uniqueness is
// the database's UNIQUE constraint; the service draws again on a collision.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/random.hpp"

namespace vp::domain::meetings {

inline constexpr std::size_t kMinMeetingIdDigits = 9;
inline constexpr std::size_t kMaxMeetingIdDigits = 11;

// A uniformly random ID of `digits` digits (clamped to 9–11), first digit 1–9.
std::string newMeetingId(common::Random& random, std::size_t digits = 10);

// True for 9–11 ASCII digits without a leading zero.
bool wellFormedMeetingId(std::string_view id);

// The ID as people type it ("123 456 7890", "123-456-7890") without the spaces and
// dashes; nullopt when what remains is not well formed.
std::optional<std::string> normalizeMeetingId(std::string_view typed);

// "/j/<meetingId>": the join link, relative to the service's public URL.
std::string joinPath(std::string_view meetingId);

}  // namespace vp::domain::meetings
