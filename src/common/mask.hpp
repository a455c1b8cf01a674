#pragma once
// Masking of personal information in logs (R-PRIV-8, data map): logs may name a
// person's data only in a form that no longer identifies him.
#include <string>
#include <string_view>

namespace vp::common {

// "alice@example.com" -> "a***@e***.com"
std::string maskEmail(std::string_view email);
// "+8613812345678" -> "+86*******5678" (keeps country prefix and last four digits)
std::string maskPhone(std::string_view phone);
// IPv4 keeps the first two octets ("192.168.*.*"); IPv6 keeps the first two groups.
std::string maskIp(std::string_view ip);

}  // namespace vp::common
