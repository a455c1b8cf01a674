#pragma once
// Reads the hand-written mediasoup-client shaped JSON fixtures of these tests.
#include <fstream>
#include <sstream>
#include <string>

namespace vp::sfu::rtp_parameters::test {

inline std::string readFixture(const std::string& name) {
    std::ifstream in(std::string(VP_RTP_FIXTURES_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace vp::sfu::rtp_parameters::test
