#pragma once
// What a target's set-up needs: the options, the media loops that will own the
// clients, our DTLS certificate, randomness and time.
#include <memory>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "sfu/dtls/dtls_context.hpp"
#include "tools/loadtest/media_loop.hpp"
#include "tools/loadtest/options.hpp"

namespace vp::tools::loadtest {

struct RunContext {
    const LoadOptions& options;
    std::vector<std::unique_ptr<MediaLoop>>& loops;
    const sfu::dtls::DtlsContext& dtls;
    common::Random& secureRandom;
    const common::Clock& clock;
    std::size_t nextLoop = 0;

    MediaLoop& pickLoop() { return *loops[nextLoop++ % loops.size()]; }
};

// A target's peers, kept open for the run (closing them ends the session).
class TargetSession {
  public:
    virtual ~TargetSession() = default;
    virtual std::size_t consumers() const = 0;
};

// The client options for one peer: a small send queue for subscribers.
sfu::client::WebRtcClientOptions clientOptions(const LoadOptions& options, bool publisher);

// Media of publisher `index`: Opus (mid 0) and/or VP8 (mid 1; three rids with
// --simulcast) with fresh SSRCs; `midExtensionId`/`ridExtensionId` as negotiated.
std::vector<SourceConfig> publisherSources(const LoadOptions& options, common::Random& random,
                                           std::uint8_t midExtensionId,
                                           std::uint8_t ridExtensionId);

// Waits until every endpoint of `loops` connected (ICE and DTLS), one failed, or
// `timeout` passed.
common::Status awaitConnected(const std::vector<std::unique_ptr<MediaLoop>>& loops,
                              std::chrono::milliseconds timeout);

}  // namespace vp::tools::loadtest
