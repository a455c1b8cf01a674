#pragma once
// JSON (de)serialisation of the parameter model, in exactly the shapes
// mediasoup-client produces and consumes. Readers take untrusted input: they
// bound sizes and depth and name the offending field in every error
// (code rtp.invalid_json, rtp.invalid_parameters or rtp.too_large). Unknown
// fields are ignored. boost::json stays out of this header; the value overloads
// are for callers (signalling) that already hold a parsed document.
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace boost::json {
class value;
}  // namespace boost::json

namespace vp::sfu::rtp_parameters {

inline constexpr std::size_t kMaxJsonBytes = 64 * 1024;

common::Result<RtpCapabilities> parseRtpCapabilities(std::string_view json);
common::Result<RtpParameters> parseRtpParameters(std::string_view json);
common::Result<RtpCapabilities> readRtpCapabilities(const boost::json::value& json);
common::Result<RtpParameters> readRtpParameters(const boost::json::value& json);

std::string toJson(const RtpCapabilities& capabilities);
std::string toJson(const RtpParameters& parameters);
boost::json::value toJsonValue(const RtpCapabilities& capabilities);
boost::json::value toJsonValue(const RtpParameters& parameters);

}  // namespace vp::sfu::rtp_parameters
