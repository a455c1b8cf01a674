// videopro-loadtest: synthetic publishers and subscribers over real
// ICE/DTLS/SRTP against a running VideoPro (or Janus) server. See usage().
#include <cstdio>
#include <string>
#include <vector>

#include "tools/loadtest/load_run.hpp"

int main(int argc, char** argv) {
    using namespace vp::tools::loadtest;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(usage().c_str(), stdout);
            return 0;
        }
    }
    auto options = parseOptions(args);
    if (!options) {
        std::fprintf(stderr, "videopro-loadtest: %s\n", options.error().message.c_str());
        return 2;
    }
    auto report = runLoad(*options);
    if (!report) {
        std::fprintf(stderr, "videopro-loadtest: %s (%s)\n", report.error().message.c_str(),
                     report.error().code.c_str());
        return 1;
    }
    const std::string text =
        options->report == ReportFormat::Json ? formatJson(*report) : formatText(*report);
    std::fputs(text.c_str(), stdout);
    return report->endpointsFailed == 0 ? 0 : 1;
}
