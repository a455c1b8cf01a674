#pragma once
// The JSON a browser's mediasoup-client exchanges with VideoPro, built and read
// by the load client: produce requests (RtpParameters for Opus, VP8 + RTX,
// optional simulcast rids), the client's dtlsParameters, and what it needs from
// createWebRtcTransport and consume replies. Pure.
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "common/result.hpp"
#include "sfu/client/webrtc_client.hpp"
#include "tools/loadtest/media_loop.hpp"
#include "tools/loadtest/synthetic_source.hpp"

namespace vp::tools::loadtest {

inline constexpr std::uint8_t kMidExtensionId = 4;
inline constexpr std::uint8_t kRidExtensionId = 10;

// {transportId, kind, rtpParameters, appData: {source}} for `source` (every video
// encoding of `all` goes into one produce).
boost::json::object produceRequest(const std::string& transportId, const SourceConfig& source,
                                   const std::vector<SourceConfig>& all);
// {role: "client", fingerprints: [{algorithm, value}]}
boost::json::object clientDtlsParameters(const std::string& algorithm, const std::string& value);
// ICE credentials, the first candidate's address and the sha-256 fingerprint.
common::Result<sfu::client::RemoteTransport> remoteTransportOf(const boost::json::value& info);
// SSRC, RTX SSRC and clock rate of a consume reply's first encoding.
common::Result<ReceiveSpec> receiveSpecOf(const boost::json::value& consumer, std::string label);

}  // namespace vp::tools::loadtest
