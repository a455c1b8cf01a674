#pragma once
// The meetings API in process (AccountsApiTest + Meetings + its routes) on both
// backends, for the meetings and meeting-signalling suites.
#include <boost/json.hpp>

#include <memory>
#include <optional>
#include <string>

#include "accounts_fixture.hpp"
#include "api/v1/meetings_api.hpp"
#include "services/meetings/meetings.hpp"

namespace vp::api::v1::testing {

inline std::string str(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

class MeetingsApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        services::meetings::MeetingKey master{};
        master.fill(5);
        auto passcodes = services::meetings::PasscodeHasher::fromMasterKey(master);
        auto tokens = services::meetings::JoinTokenSigner::fromMasterKey(master);
        ASSERT_TRUE(passcodes && tokens);
        passcodes_.emplace(*passcodes);
        tokens_.emplace(*tokens);
        services::meetings::MeetingsOptions options;
        options.failuresPerIp = {5, std::chrono::minutes{15}};
        options.failuresPerMeeting = {8, std::chrono::minutes{15}};
        meetings_ = std::make_unique<services::meetings::Meetings>(
            options, *passcodes_, *tokens_, clock_, common::SecureRandom::instance());
        // The server is running but idle: no request can race this registration.
        addMeetingsRoutes(router_, *pool_, *accounts_, *meetings_, {});
    }

    using User = SignedUp;
    // GET of a JSON object, asserting 200.
    boost::json::object getOk(const User& u, const std::string& path) {
        auto reply = call("GET", path, {}, u.call());
        EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
        return parse(reply);
    }
    // Creates a meeting; returns its JSON.
    boost::json::object create(const User& u, const std::string& body) {
        auto reply = call("POST", "/api/v1/meetings", body, u.call());
        EXPECT_EQ(reply.status, 201) << reply.body;
        return parse(reply);
    }
    std::unique_ptr<services::meetings::Meetings> meetings_;
    std::optional<services::meetings::PasscodeHasher> passcodes_;
    std::optional<services::meetings::JoinTokenSigner> tokens_;
};

}  // namespace vp::api::v1::testing
