#include "tools/loadtest/run_context.hpp"

#include <thread>

namespace vp::tools::loadtest {

sfu::client::WebRtcClientOptions clientOptions(const LoadOptions& load, bool publisher) {
    sfu::client::WebRtcClientOptions options;
    options.host = load.localIp;
    options.sendQueueCapacity = publisher ? 1024 : 64;
    return options;
}

std::vector<SourceConfig> publisherSources(const LoadOptions& options, common::Random& random,
                                           std::uint8_t midExtensionId,
                                           std::uint8_t ridExtensionId) {
    const auto ssrc = [&] {
        return static_cast<std::uint32_t>(random.uniform(0xFFFF'FFF0ULL) + 1) & ~1u;
    };
    std::vector<SourceConfig> sources;
    if (!options.noAudio) {
        SourceConfig audio;
        audio.ssrc = ssrc();
        audio.payloadType = 111;
        audio.midExtensionId = midExtensionId;
        audio.mid = "0";
        sources.push_back(audio);
    }
    if (options.audioOnly) {
        return sources;
    }
    const std::size_t layers = options.simulcast ? 3 : 1;
    for (std::size_t layer = 0; layer < layers; ++layer) {
        SourceConfig video;
        video.video = true;
        video.ssrc = ssrc();  // even; ssrc + 1 is its RTX SSRC
        video.payloadType = 96;
        video.midExtensionId = midExtensionId;
        video.mid = "1";
        if (options.simulcast) {
            video.ridExtensionId = ridExtensionId;
            video.rid = "r" + std::to_string(layer);
        }
        // Simulcast layers at 1/16, 1/4 and all of the bit rate, as browsers scale them.
        const std::uint32_t divisor = layers == 1 ? 1u : (layer == 0 ? 16u : layer == 1 ? 4u : 1u);
        video.bitrate = std::max<std::uint32_t>(options.videoBitrate / divisor, 30'000);
        video.fps = options.fps;
        video.keyframeInterval = options.keyframeInterval;
        sources.push_back(video);
    }
    return sources;
}

common::Status awaitConnected(const std::vector<std::unique_ptr<MediaLoop>>& loops,
                              std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        std::size_t connected = 0;
        std::size_t total = 0;
        for (const auto& loop : loops) {
            if (loop->failed() > 0) {
                return common::makeError("loadtest.transport_failed",
                                         "a transport failed: " + loop->firstFailure());
            }
            connected += loop->connected();
            total += loop->endpoints();
        }
        if (connected == total) {
            return {};
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return common::makeError("loadtest.connect_timeout",
                                     std::to_string(total - connected) + " of " +
                                         std::to_string(total) +
                                         " transports did not connect (ICE/DTLS) in time");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace vp::tools::loadtest
