// The profile API over real HTTP and a real database, on SQLite and PostgreSQL:
// view and correct the profile with an audit record (R-ACC-4, R-PRIV-4), the avatar
// (re-encoded, metadata gone; fakes, bombs, truncated and oversized files refused),
// and the change of the sign-in email or number with codes to the old and the new.
#include <boost/json.hpp>

#include <optional>

#include "accounts_fixture.hpp"
#include "api/v1/profile_api.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/profile/contact_change.hpp"
#include "services/profile/profiles.hpp"
#include "test_images.hpp"

namespace vp::api::v1::testing {
namespace {

using services::images::testing::Bytes;
using services::images::testing::Kind;
namespace images = services::images::testing;

class ProfileApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        contacts_.emplace(*codes_, audit_);
        // The server is running but idle: no request can race this registration.
        addProfileRoutes(router_, *pool_, *accounts_, profiles_, *contacts_, {});
    }

    using User = SignedUp;

    boost::json::object profile(const User& u) {
        auto reply = call("GET", "/api/v1/profile", {}, u.call());
        EXPECT_EQ(reply.status, 200) << reply.body;
        auto body = parse(reply);
        return body.contains("profile") ? body.at("profile").as_object() : boost::json::object{};
    }
    HttpReply patch(const User& u, std::string_view body) {
        return call("PATCH", "/api/v1/profile", body, u.call());
    }
    HttpReply upload(const User& u, const Bytes& image, std::string_view contentType) {
        std::string headers = "Origin: " + std::string(kOrigin) + "\r\n";
        headers += "Cookie: vp_session=" + u.cookie + "\r\nX-CSRF-Token: " + u.csrf + "\r\n";
        headers += "Content-Type: " + std::string(contentType) + "\r\n";
        const std::string body(image.begin(), image.end());
        auto reply =
            api::testing::httpRequest(port_, "POST", "/api/v1/profile/avatar", headers, body);
        EXPECT_TRUE(reply) << "no answer to the upload";
        return reply ? *reply : HttpReply{};
    }

    // The audit entries about a user: action and details.
    std::vector<std::pair<std::string, std::string>> auditOf(const User& u) {
        auto c = connect();
        auto rows = c->query("SELECT action, details FROM audit_log WHERE subject = ? ORDER BY seq",
                             {services::privacy::userRef(u.id)});
        EXPECT_TRUE(rows);
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& row : rows ? *rows : std::vector<storage::Row>{}) {
            out.emplace_back(storage::getText(row, 0).valueOr(""),
                             storage::getText(row, 1).valueOr(""));
        }
        return out;
    }

    services::privacy::AuditLog audit_{clock_};
    services::profile::Profiles profiles_{{}, audit_, clock_};
    std::optional<services::profile::ContactChanges> contacts_;  // needs codes_ (SetUp)
};

TEST_P(ProfileApiTest, ViewsAndCorrectsTheProfileWithAnAuditRecordNamingOnlyTheFields) {
    User u = signUp("profile-correct@example.com");
    auto empty = profile(u);
    EXPECT_EQ(empty.at("name").as_string(), "Test User");
    for (const char* field : {"gender", "position", "address", "company", "department"}) {
        EXPECT_TRUE(empty.at(field).is_null()) << field;
    }
    EXPECT_TRUE(empty.at("avatar").is_null());
    EXPECT_TRUE(empty.at("updatedAt").is_null());

    auto done = patch(u, R"({"gender":"female","position":"  Engineer ",)"
                         R"("address":"1 Main Street\nSpringfield","company":"Acme"})");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(parse(done).at("profile").at("position").as_string(), "Engineer");
    auto seen = profile(u);
    EXPECT_EQ(seen.at("gender").as_string(), "female");
    EXPECT_EQ(seen.at("position").as_string(), "Engineer");
    EXPECT_EQ(seen.at("address").as_string(), "1 Main Street\nSpringfield");
    EXPECT_EQ(seen.at("company").as_string(), "Acme");
    EXPECT_TRUE(seen.at("department").is_null());
    EXPECT_FALSE(seen.at("updatedAt").is_null());

    auto audit = auditOf(u);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].first, "profile.corrected");
    EXPECT_EQ(audit[0].second, R"({"fields":["gender","position","address","company"]})");

    // The same values again change nothing and are not audited; the name is the
    // display name; clearing works with null and "".
    ASSERT_EQ(patch(u, R"({"company":"Acme"})").status, 200);
    EXPECT_EQ(auditOf(u).size(), 1u);
    auto renamed = patch(u, R"({"name":"Ada Lovelace","company":null,"address":""})");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(parse(renamed).at("user").at("displayName").as_string(), "Ada Lovelace");
    auto me = parse(call("GET", "/api/v1/me", {}, u.call()));
    EXPECT_EQ(me.at("user").at("displayName").as_string(), "Ada Lovelace");
    seen = profile(u);
    EXPECT_TRUE(seen.at("company").is_null());
    EXPECT_TRUE(seen.at("address").is_null());
    audit = auditOf(u);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[1].second, R"({"fields":["name","address","company"]})");
    // The chain still verifies.
    auto c = connect();
    auto intact = audit_.verify(*c);
    ASSERT_TRUE(intact);
    EXPECT_FALSE(intact->has_value());
}

TEST_P(ProfileApiTest, RefusesBadProfileInputAndChangesNothing) {
    User u = signUp("profile-bad@example.com");
    ASSERT_EQ(patch(u, R"({"position":"Engineer"})").status, 200);
    const auto before = profile(u);
    struct Case {
        std::string body;
        std::string code;
    };
    for (const Case& c :
         {Case{R"({"email":"x@example.com"})", "bad_request"},
          Case{R"({"position":42})", "bad_request"}, Case{R"(["position"])", "bad_request"},
          Case{"not json", "bad_request"}, Case{R"({"gender":"robot"})", "invalid_profile"},
          Case{R"({"position":")" + std::string(101, 'p') + "\"}", "invalid_profile"},
          Case{R"({"company":"Acme\u0007"})", "invalid_profile"},
          Case{R"({"position":"ok","department":"Bad\nBreak"})", "invalid_profile"}}) {
        auto reply = patch(u, c.body);
        EXPECT_EQ(reply.status, 400) << c.body;
        EXPECT_EQ(errorCode(reply), c.code) << c.body << " " << reply.body;
    }
    EXPECT_EQ(profile(u), before);
    EXPECT_EQ(auditOf(u).size(), 1u);

    auto noToken = call("PATCH", "/api/v1/profile", R"({"position":"x"})", Call(u.cookie));
    EXPECT_EQ(noToken.status, 403);
    EXPECT_EQ(errorCode(noToken), "csrf_failed");
    auto anonymous = call("GET", "/api/v1/profile");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(errorCode(anonymous), "unauthenticated");
    EXPECT_EQ(profile(u), before);
}

TEST_P(ProfileApiTest, AvatarIsReencodedWithoutGpsServedAndRemoved) {
    User u = signUp("avatar@example.com");
    // The Content-Type claims PNG; the bytes are a JPEG carrying EXIF GPS.
    auto stored = upload(u, images::makeJpegWithGps(1024, 768), "image/png");
    ASSERT_EQ(stored.status, 200) << stored.body;
    const auto avatar = parse(stored).at("profile").at("avatar").as_object();
    EXPECT_EQ(avatar.at("mediaType").as_string(), "image/jpeg");
    EXPECT_EQ(avatar.at("width").as_int64(), 512);
    EXPECT_EQ(avatar.at("height").as_int64(), 384);
    const std::string url(avatar.at("url").as_string());
    EXPECT_TRUE(url.starts_with("/api/v1/profile/avatar?v=")) << url;

    auto image = call("GET", url, {}, u.call());
    ASSERT_EQ(image.status, 200);
    EXPECT_EQ(image.header("content-type"), "image/jpeg");
    EXPECT_EQ(image.header("cache-control"), "private, no-cache");
    const Bytes served(image.body.begin(), image.body.end());
    EXPECT_EQ(static_cast<std::int64_t>(served.size()), avatar.at("bytes").as_int64());
    const auto meta = images::inspect(served);
    ASSERT_TRUE(meta.loaded);
    EXPECT_FALSE(meta.exif);
    EXPECT_FALSE(meta.gps);
    EXPECT_FALSE(images::contains(served, images::kGpsMarker));
    {
        auto c = connect();
        auto rows = c->query("SELECT image FROM user_avatars WHERE user_id = ?", {u.id});
        ASSERT_TRUE(rows && rows->size() == 1);
        const auto blob = storage::getBlob(rows->front(), 0).valueOr({});
        EXPECT_EQ(blob, served);  // what is stored is the re-encoded image only
    }
    const std::string etag = image.header("etag");
    auto again = api::testing::httpRequest(
        port_, "GET", url,
        "Cookie: vp_session=" + u.cookie + "\r\nIf-None-Match: " + etag + "\r\n");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);

    // Someone else sees his own (absent) avatar, never this one.
    User other = signUp("avatar-other@example.com");
    EXPECT_EQ(call("GET", "/api/v1/profile/avatar", {}, other.call()).status, 404);

    auto removed = call("DELETE", "/api/v1/profile/avatar", {}, u.call());
    EXPECT_EQ(removed.status, 204);
    EXPECT_EQ(call("GET", "/api/v1/profile/avatar", {}, u.call()).status, 404);
    EXPECT_TRUE(profile(u).at("avatar").is_null());
    auto twice = call("DELETE", "/api/v1/profile/avatar", {}, u.call());
    EXPECT_EQ(twice.status, 404);
    EXPECT_EQ(errorCode(twice), "not_found");
    auto audit = auditOf(u);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].first, "profile.avatar.replaced");
    EXPECT_EQ(audit[1].first, "profile.avatar.removed");
}

TEST_P(ProfileApiTest, RefusesFakeBombTruncatedAndOversizedAvatars) {
    User u = signUp("avatar-bad@example.com");
    const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    auto fake = upload(u, Bytes(pdf.begin(), pdf.end()), "image/png");
    EXPECT_EQ(fake.status, 415);
    EXPECT_EQ(errorCode(fake), "unsupported_image");

    auto bomb = upload(u, images::makePngBomb(20000, 20000), "image/png");
    EXPECT_EQ(bomb.status, 422);
    EXPECT_EQ(errorCode(bomb), "image_dimensions_too_large");

    const auto jpeg = images::makeImage(Kind::Jpeg, 400, 400);
    auto truncated = upload(
        u, Bytes(jpeg.begin(), jpeg.begin() + static_cast<long>(jpeg.size() / 2)), "image/jpeg");
    EXPECT_EQ(truncated.status, 422);
    EXPECT_EQ(errorCode(truncated), "invalid_image");

    auto empty = upload(u, {}, "image/png");
    EXPECT_EQ(empty.status, 400);
    EXPECT_EQ(errorCode(empty), "invalid_image");

    // Above the server's 1 MiB default, this route takes the body (and finds junk)...
    auto junk = upload(u, Bytes(2u << 20, 0x42), "image/png");
    EXPECT_EQ(junk.status, 415);
    // ...but one byte over 5 MB is refused from the headers alone, body never sent.
    auto headersOnly = [&](std::string_view method, std::string_view path, std::size_t length) {
        api::testing::RawClient raw(port_);
        EXPECT_TRUE(raw.connected());
        EXPECT_TRUE(raw.send(std::string(method) + " " + std::string(path) +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n"
                             "Cookie: vp_session=" +
                             u.cookie + "\r\nX-CSRF-Token: " + u.csrf +
                             "\r\nContent-Type: image/png\r\nContent-Length: " +
                             std::to_string(length) + "\r\n\r\n"));
        auto reply = raw.readResponse();
        return reply ? *reply : HttpReply{};
    };
    auto refused = headersOnly("POST", "/api/v1/profile/avatar", (5u << 20) + 1);
    EXPECT_EQ(refused.status, 413);
    EXPECT_EQ(errorCode(refused), "body_too_large");
    // Other routes keep the server's 1 MiB limit.
    EXPECT_EQ(headersOnly("PATCH", "/api/v1/profile", 2u << 20).status, 413);

    EXPECT_TRUE(profile(u).at("avatar").is_null());
    EXPECT_TRUE(auditOf(u).empty());
}

TEST_P(ProfileApiTest, ChangesTheEmailWithACodeToTheOldAndOneToTheNewAddress) {
    User u = signUp("old-address@example.com");
    auto sent = call("POST", "/api/v1/profile/contact/codes",
                     R"({"newTarget":"New-Address@Example.com"})", u.call());
    ASSERT_EQ(sent.status, 202) << sent.body;
    EXPECT_EQ(parse(sent).at("current").as_string(), "o***@e***.com");
    const std::string oldCode = latestCode("old-address@example.com");
    const std::string newCode = latestCode("New-Address@example.com");
    ASSERT_FALSE(oldCode.empty() || newCode.empty());
    {
        auto c = connect();
        auto rows = c->query("SELECT COUNT(*) FROM outbox_messages WHERE template = ?",
                             {std::string("contact_change_email")});
        ASSERT_TRUE(rows);
        EXPECT_EQ(storage::getInt(rows->front(), 0).valueOr(0), 2);
    }
    // One code is not enough, and a swapped pair is wrong.
    auto swapped = call("POST", "/api/v1/profile/contact",
                        R"({"newTarget":"New-Address@example.com","currentCode":")" + newCode +
                            R"(","newCode":")" + oldCode + R"("})",
                        u.call());
    EXPECT_EQ(swapped.status, 400);
    EXPECT_EQ(errorCode(swapped), "invalid_code");
    EXPECT_EQ(parse(call("GET", "/api/v1/me", {}, u.call())).at("user").at("email").as_string(),
              "old-address@example.com");

    ASSERT_EQ(call("POST", "/api/v1/profile/contact/codes",
                   R"({"newTarget":"New-Address@example.com"})", u.call())
                  .status,
              202);
    auto changed = call("POST", "/api/v1/profile/contact",
                        R"({"newTarget":"New-Address@example.com","currentCode":")" +
                            latestCode("old-address@example.com") + R"(","newCode":")" +
                            latestCode("New-Address@example.com") + R"("})",
                        u.call());
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(parse(changed).at("user").at("email").as_string(), "New-Address@example.com");
    EXPECT_FALSE(login("New-Address@example.com", "correct horse battery").empty());
    EXPECT_TRUE(login("old-address@example.com", "correct horse battery").empty());
    auto audit = auditOf(u);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].first, "account.contact.changed");
    EXPECT_EQ(audit[0].second, R"({"field":"email"})");
}

TEST_P(ProfileApiTest, AddsAMobileNumberConfirmedByTheEmailAndBySms) {
    User u = signUp("phone-adder@example.com");
    auto sent = call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"+44 20 7946 0958"})",
                     u.call());
    ASSERT_EQ(sent.status, 202) << sent.body;
    auto changed = call("POST", "/api/v1/profile/contact",
                        R"({"newTarget":"+442079460958","currentCode":")" +
                            latestCode("phone-adder@example.com") + R"(","newCode":")" +
                            latestCode("+442079460958") + R"("})",
                        u.call());
    ASSERT_EQ(changed.status, 200) << changed.body;
    const auto user = parse(changed).at("user").as_object();
    EXPECT_EQ(user.at("phone").as_string(), "+442079460958");
    EXPECT_EQ(user.at("email").as_string(), "phone-adder@example.com");
    auto same =
        call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"+442079460958"})", u.call());
    EXPECT_EQ(same.status, 400);
    EXPECT_EQ(errorCode(same), "same_contact");
    auto bad =
        call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"not a number"})", u.call());
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(errorCode(bad), "invalid_target");
}

TEST_P(ProfileApiTest, AContactChangeSignsOutOtherSessionsAndRenewsTheCurrentOne) {
    User u = signUp("mover@example.com");
    const std::string elsewhere = login("mover@example.com", "correct horse battery");
    ASSERT_FALSE(elsewhere.empty());
    const auto sessionId = parse(call("GET", "/api/v1/me", {}, u.call())).at("session").at("id");
    ASSERT_EQ(
        call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"+442079460958"})", u.call())
            .status,
        202);
    auto changed =
        call("POST", "/api/v1/profile/contact",
             R"({"newTarget":"+442079460958","currentCode":")" + latestCode("mover@example.com") +
                 R"(","newCode":")" + latestCode("+442079460958") + R"("})",
             u.call());
    ASSERT_EQ(changed.status, 200) << changed.body;
    // The other session is over at once.
    auto other = call("GET", "/api/v1/me", {}, {elsewhere});
    EXPECT_EQ(other.status, 401);
    EXPECT_EQ(errorCode(other), "unauthenticated");
    // The current one goes on under a new token: same session, new cookie and CSRF token.
    const std::string renewed = cookieValue(changed);
    ASSERT_FALSE(renewed.empty());
    EXPECT_NE(renewed, u.cookie);
    EXPECT_NE(changed.header("set-cookie").find("; HttpOnly; SameSite=Lax"), std::string::npos);
    const std::string csrf = changed.header("x-csrf-token");
    EXPECT_FALSE(csrf.empty());
    auto me = call("GET", "/api/v1/me", {}, {renewed});
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(parse(me).at("session").at("id"), sessionId);
    EXPECT_EQ(parse(me).at("csrfToken").as_string(), csrf);
    EXPECT_EQ(patch({u.email, renewed, csrf, u.id}, R"({"position":"Mover"})").status, 200);
    EXPECT_EQ(patch({u.email, renewed, u.csrf, u.id}, R"({"position":"Mover"})").status, 403);
    clock_.advance(std::chrono::seconds{31});
    EXPECT_EQ(call("GET", "/api/v1/me", {}, u.call()).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, {renewed}).status, 200);
}

TEST_P(ProfileApiTest, AnotherUsersAddressIsRevealedOnlyToWhoeverProvesControlOfIt) {
    User owner = signUp("taken@example.com");
    User u = signUp("wants-taken@example.com");
    auto toTaken = call("POST", "/api/v1/profile/contact/codes",
                        R"({"newTarget":"taken@example.com"})", u.call());
    auto toFree = call("POST", "/api/v1/profile/contact/codes",
                       R"({"newTarget":"free@example.com"})", u.call());
    // The request step answers alike.
    ASSERT_EQ(toTaken.status, 202);
    ASSERT_EQ(toFree.status, 202);
    EXPECT_EQ(parse(toTaken).at("message"), parse(toFree).at("message"));

    // Without the new address's code: only "wrong code", nothing about the owner.
    ASSERT_EQ(call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"taken@example.com"})",
                   u.call())
                  .status,
              202);
    auto guessed = call("POST", "/api/v1/profile/contact",
                        R"({"newTarget":"taken@example.com","currentCode":")" +
                            latestCode("wants-taken@example.com") + R"(","newCode":"000000"})",
                        u.call());
    EXPECT_EQ(guessed.status, 400);
    EXPECT_EQ(errorCode(guessed), "invalid_code");

    // With both codes (he reads that mailbox): a clear refusal naming no account.
    ASSERT_EQ(call("POST", "/api/v1/profile/contact/codes", R"({"newTarget":"taken@example.com"})",
                   u.call())
                  .status,
              202);
    auto inUse = call("POST", "/api/v1/profile/contact",
                      R"({"newTarget":"taken@example.com","currentCode":")" +
                          latestCode("wants-taken@example.com") + R"(","newCode":")" +
                          latestCode("taken@example.com") + R"("})",
                      u.call());
    EXPECT_EQ(inUse.status, 409);
    EXPECT_EQ(errorCode(inUse), "contact_in_use");
    EXPECT_EQ(inUse.body.find(std::to_string(owner.id) + ","), std::string::npos);
    EXPECT_EQ(inUse.body.find("Test User"), std::string::npos);
    EXPECT_EQ(parse(call("GET", "/api/v1/me", {}, u.call())).at("user").at("email").as_string(),
              "wants-taken@example.com");
    EXPECT_EQ(parse(call("GET", "/api/v1/me", {}, owner.call())).at("user").at("email").as_string(),
              "taken@example.com");
    EXPECT_TRUE(auditOf(u).empty());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(ProfileApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
