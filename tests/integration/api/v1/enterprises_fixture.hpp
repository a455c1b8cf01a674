#pragma once
// The accounts fixture plus the enterprises routes, and helpers that register users
// and enterprises, invite and accept through the HTTP API, reading codes from the
// outbox table like the accounts tests.
#include <atomic>
#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "api/v1/enterprises_api.hpp"
#include "services/enterprises/enterprises.hpp"

namespace vp::api::v1::testing {

inline std::string str(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

class EnterprisesApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        services::enterprises::EnterprisesOptions options;
        options.maxInvitationsPerDay = 5;
        enterprises_ = std::make_unique<services::enterprises::Enterprises>(
            options, *codes_, *outbox_, *accounts_, clock_);
        enterprises_->setCancellationApprovedHook(
            [this](storage::Connection&, const domain::enterprises::CancellationRequest& r) {
                approvedRequest_ = r.id;
                return common::Status{};
            });
        // The server is running but idle: no request can race this registration.
        AccountsApiOptions apiOptions;
        apiOptions.publicUrl = publicUrl_;
        addEnterprisesRoutes(router_, *pool_, *accounts_, *enterprises_, apiOptions);
    }

    struct User {
        std::string cookie;
        std::string csrf;
        std::int64_t id = 0;
        Call call() const { return Call(cookie, csrf); }
    };

    // Registers a personal account named `name` and signs it in.
    User signUp(const std::string& email, const std::string& name) {
        EXPECT_EQ(post("/api/v1/auth/code", R"({"target":")" + email + R"(","purpose":"register"})")
                      .status,
                  202);
        auto done =
            post("/api/v1/auth/register", R"({"target":")" + email + R"(","code":")" +
                                              latestCode(email) + R"(","displayName":")" + name +
                                              R"(","birthYear":1990,"birthMonth":4})");
        EXPECT_EQ(done.status, 201) << done.body;
        return userOf(done);
    }

    // Signs in an existing account by a login code.
    User signIn(const std::string& email) {
        EXPECT_EQ(
            post("/api/v1/auth/code", R"({"target":")" + email + R"(","purpose":"login"})").status,
            202);
        auto done = post("/api/v1/auth/login",
                         R"({"target":")" + email + R"(","code":")" + latestCode(email) + R"("})");
        EXPECT_EQ(done.status, 200) << done.body;
        return userOf(done);
    }

    User userOf(const HttpReply& reply) {
        User u;
        u.cookie = cookieValue(reply);
        auto body = parse(reply);
        u.csrf = str(body, "csrfToken");
        if (const auto* user = body.if_contains("user")) {
            u.id = user->at("id").as_int64();
        }
        return u;
    }

    static std::string form(const std::string& email, const std::string& company,
                            const std::string& extra = {}) {
        return R"({"companyName":")" + company +
               R"(","creatorName":"Ada Admin","mobile":"+44 20 7946 0958","email":")" + email +
               R"(","notes":"50 seats")" + extra + "}";
    }

    struct Admin {
        User user;
        std::int64_t enterpriseId = 0;
        Call call() const { return user.call(); }
        std::string path(const std::string& tail = {}) const {
            return "/api/v1/enterprises/" + std::to_string(enterpriseId) + tail;
        }
    };

    // Registers an enterprise (code to `email`); `how` carries an existing session.
    Admin registerEnterprise(const std::string& email, const std::string& company,
                             const Call& how = Call()) {
        auto sent = post("/api/v1/enterprises/registration-code", form(email, company), how);
        EXPECT_EQ(sent.status, 202) << sent.body;
        auto done =
            post("/api/v1/enterprises",
                 form(email, company,
                      R"(,"code":")" + latestCode(email) + R"(","birthYear":1985,"birthMonth":6)"),
                 how);
        EXPECT_EQ(done.status, 201) << done.body;
        Admin a;
        a.user = userOf(done);
        auto body = parse(done);
        if (const auto* e = body.if_contains("enterprise")) {
            a.enterpriseId = e->at("id").as_int64();
        }
        return a;
    }

    // Invites `target`; returns the invitation's id (0 on failure).
    std::int64_t invite(const Admin& admin, const std::string& target) {
        auto reply = call("POST", admin.path("/invitations"), R"({"target":")" + target + R"("})",
                          admin.call());
        EXPECT_EQ(reply.status, 201) << reply.body;
        auto body = parse(reply);
        return body.contains("id") ? body.at("id").as_int64() : 0;
    }

    // The JSON array `key` of a GET answered 200.
    boost::json::array list(const std::string& path, const Call& how, std::string_view key) {
        auto reply = call("GET", path, {}, how);
        EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
        auto body = parse(reply);
        const auto* items = body.if_contains(key);
        return items && items->is_array() ? items->as_array() : boost::json::array{};
    }

    // An enterprise with one member who accepted an invitation.
    struct WithMember {
        Admin admin;
        User member;
    };
    WithMember enterpriseWithMember(const std::string& adminEmail, const std::string& company,
                                    const std::string& memberEmail, const std::string& name) {
        WithMember out;
        out.admin = registerEnterprise(adminEmail, company);
        const auto id = invite(out.admin, memberEmail);
        out.member = signUp(memberEmail, name);
        EXPECT_EQ(call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}",
                       out.member.call())
                      .status,
                  200);
        return out;
    }
    std::int64_t count(const std::string& table) {
        auto c = connect();
        auto rows = c->query("SELECT COUNT(*) FROM " + table);
        return rows && !rows->empty() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }

    std::unique_ptr<services::enterprises::Enterprises> enterprises_;
    std::atomic<std::int64_t> approvedRequest_{0};
};

}  // namespace vp::api::v1::testing
