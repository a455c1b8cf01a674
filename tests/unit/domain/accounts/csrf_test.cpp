// CSRF decisions: Origin (or Referer) must be ours; a session needs its token.
#include "domain/accounts/csrf.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::domain::accounts {
namespace {

const std::vector<std::string> kOurs{"http://127.0.0.1:8080", "https://meet.example.com"};

CsrfInput post(std::optional<std::string_view> origin) {
    CsrfInput in;
    in.method = "POST";
    in.origin = origin;
    in.allowedOrigins = kOurs;
    return in;
}

TEST(CsrfTest, ReadsAreNotChecked) {
    CsrfInput in = post(std::nullopt);
    in.method = "GET";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::NotStateChanging);
    in.method = "HEAD";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::NotStateChanging);
}

TEST(CsrfTest, OurOriginPassesWithoutASession) {
    EXPECT_EQ(decideCsrf(post("http://127.0.0.1:8080")), CsrfDecision::Allowed);
    EXPECT_EQ(decideCsrf(post("https://MEET.example.com:443")), CsrfDecision::Allowed);
}

TEST(CsrfTest, ForeignMissingAndNullOriginsAreRefused) {
    EXPECT_EQ(decideCsrf(post("https://evil.example")), CsrfDecision::ForeignOrigin);
    EXPECT_EQ(decideCsrf(post("http://127.0.0.1:8081")), CsrfDecision::ForeignOrigin);
    EXPECT_EQ(decideCsrf(post("https://127.0.0.1:8080")), CsrfDecision::ForeignOrigin);
    EXPECT_EQ(decideCsrf(post("null")), CsrfDecision::ForeignOrigin);
    EXPECT_EQ(decideCsrf(post(std::nullopt)), CsrfDecision::MissingOrigin);
    for (const char* method : {"PUT", "PATCH", "DELETE"}) {
        CsrfInput in = post("https://evil.example");
        in.method = method;
        EXPECT_EQ(decideCsrf(in), CsrfDecision::ForeignOrigin) << method;
    }
}

TEST(CsrfTest, RefererStandsInForAMissingOrigin) {
    CsrfInput in = post(std::nullopt);
    in.referer = "https://meet.example.com/security?tab=1";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::Allowed);
    in.referer = "https://evil.example/meet.example.com";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::ForeignOrigin);
}

TEST(CsrfTest, ASessionNeedsItsToken) {
    CsrfInput in = post("https://meet.example.com");
    in.expectedToken = "abc123";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::BadToken);
    in.givenToken = "abc124";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::BadToken);
    in.givenToken = "";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::BadToken);
    in.givenToken = "abc123";
    EXPECT_EQ(decideCsrf(in), CsrfDecision::Allowed);
    in.origin = "https://evil.example";  // the right token from the wrong site
    EXPECT_EQ(decideCsrf(in), CsrfDecision::ForeignOrigin);
}

TEST(CsrfTest, NormalisesOrigins) {
    EXPECT_EQ(originOf("HTTPS://Meet.Example.com:443/x"), "https://meet.example.com");
    EXPECT_EQ(originOf("http://host:80"), "http://host");
    EXPECT_EQ(originOf("http://host:8080/"), "http://host:8080");
    EXPECT_FALSE(originOf("null"));
    EXPECT_FALSE(originOf("ftp://host"));
    EXPECT_FALSE(originOf("http://user@host"));
}

}  // namespace
}  // namespace vp::domain::accounts
