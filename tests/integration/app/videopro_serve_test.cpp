// `videopro serve` as a browser and an operator meet it, on SQLite and on the
// private PostgreSQL: health, readiness, metrics, the web client, the network
// operation log in the database, and a clean drain on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "api/raw_client.hpp"
#include "app/process.hpp"
#include "storage/test_database.hpp"

namespace vp::app::testing {
namespace {

using api::testing::httpRequest;
using storage::testing::BackendTest;

class ServeTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        std::filesystem::create_directories(webRoot());
        std::ofstream(webRoot() + "/index.html") << "<!doctype html><title>VideoPro</title>";
    }

    std::string webRoot() const { return dir_.path + "/web"; }

    // Starts the binary on port 0 and waits for its ready file.
    void start(const std::vector<std::string>& extra = {}) {
        const std::string ready = dir_.path + "/ready.json";
        std::vector<std::string> args{"serve",
                                      "--http-port",
                                      "0",
                                      "--data-dir",
                                      dir_.path + "/var",
                                      "--web-root",
                                      webRoot(),
                                      "--ready-file",
                                      ready,
                                      "--database",
                                      testDatabase().url(),
                                      "--oplog-flush-interval-ms",
                                      "50",
                                      "--drain-timeout-ms",
                                      "3000",
                                      "--media-port",
                                      "0"};
        args.insert(args.end(), extra.begin(), extra.end());
        server_ = std::make_unique<Process>(args);
        for (int i = 0; i < 300 && !std::filesystem::exists(ready); ++i) {
            ASSERT_FALSE(server_->wait(std::chrono::milliseconds(1)).has_value())
                << "videopro exited early:\n"
                << server_->stderrText();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        // {"http_url":"http://127.0.0.1:PORT","pid":N}
        const std::string json = readFile(ready);
        const std::string key = "\"http_url\":\"";
        const auto start = json.find(key);
        ASSERT_NE(start, std::string::npos) << "no ready file; stderr:\n" << server_->stderrText();
        const std::string url = json.substr(
            start + key.size(), json.find('"', start + key.size()) - start - key.size());
        port_ = static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
    }

    std::int64_t countOperationLog(const std::string& route) {
        auto c = connect();
        auto rows = c->query("SELECT COUNT(*) FROM network_operation_log WHERE route = ?",
                             {storage::SqlValue{route}});
        EXPECT_TRUE(rows.ok()) << rows.error().message;
        return rows.ok() ? storage::getInt(rows->at(0), 0).valueOr(-1) : -1;
    }

    TempDir dir_;
    std::unique_ptr<Process> server_;
    std::uint16_t port_ = 0;
};

TEST_P(ServeTest, AnswersHealthReadinessMetricsAndTheWebClient) {
    start();
    auto health = httpRequest(port_, "GET", "/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    auto ready = httpRequest(port_, "GET", "/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 200) << ready->body;
    auto metrics = httpRequest(port_, "GET", "/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("videopro_http_requests_total{route=\"/healthz\",status=\"200\"}"),
              std::string::npos);
    EXPECT_NE(metrics->body.find("videopro_db_pool_in_use"), std::string::npos);
    // The media snapshot is refreshed every second.
    for (int i = 0; i < 50 && metrics->body.find("videopro_media_dropped_total{worker=\"0\"}") ==
                                  std::string::npos;
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        metrics = httpRequest(port_, "GET", "/metrics");
        ASSERT_TRUE(metrics);
    }
    EXPECT_NE(metrics->body.find("videopro_media_dropped_total{worker=\"0\"}"), std::string::npos);
    EXPECT_NE(metrics->body.find("videopro_media_transports{worker=\"0\"} 0"), std::string::npos);
    EXPECT_NE(metrics->body.find("videopro_media_outgoing_bitrate_estimate_bps{worker=\"0\"} 0"),
              std::string::npos);
    EXPECT_NE(metrics->body.find("videopro_media_streams{side=\"publisher\"} 0"),
              std::string::npos);
    EXPECT_NE(metrics->body.find("videopro_media_stream_rtt_seconds{side=\"subscriber\",stat="),
              std::string::npos);
    auto landing = httpRequest(port_, "GET", "/meetings/123");  // client route: SPA fallback
    ASSERT_TRUE(landing);
    EXPECT_EQ(landing->status, 200);
    EXPECT_NE(landing->body.find("<title>VideoPro</title>"), std::string::npos);
    auto missing = httpRequest(port_, "GET", "/api/v1/nothing");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_NE(missing->body.find("\"error\":{\"code\":"), std::string::npos) << missing->body;
}

// R-PRIV-9, R-PRIV-10: the storage region in /readyz and beside the recipients
// register, an entry added with `videopro admin recipients add` shown to everyone,
// and /metrics without per-person label values after person-bearing requests.
TEST_P(ServeTest, ShowsRegionAndRecipientsAndExportsNoPerPersonMetrics) {
    Process add({"admin", "recipients", "add", "--name", "Example SMS Ltd", "--contact",
                 "privacy@sms.example", "--purpose", "deliver sign-in codes", "--categories",
                 "account identifier, contact data", "--legal-basis", "contract", "--database",
                 testDatabase().url(), "--data-dir", dir_.path + "/var"});
    ASSERT_EQ(add.wait(), 0) << add.stderrText();
    start({"--storage-region", "eu-central (Frankfurt)"});
    auto ready = httpRequest(port_, "GET", "/readyz");
    ASSERT_TRUE(ready);
    EXPECT_NE(ready->body.find("\"storageRegion\":\"eu-central (Frankfurt)\""), std::string::npos)
        << ready->body;
    auto register_ = httpRequest(port_, "GET", "/api/v1/privacy/recipients");
    ASSERT_TRUE(register_);
    EXPECT_EQ(register_->status, 200) << register_->body;
    EXPECT_NE(register_->body.find("\"storageRegion\":\"eu-central (Frankfurt)\""),
              std::string::npos);
    EXPECT_NE(register_->body.find("\"name\":\"Example SMS Ltd\""), std::string::npos);
    EXPECT_NE(register_->body.find("\"categories\":[\"account identifier\",\"contact data\"]"),
              std::string::npos)
        << register_->body;
    // Requests that carry an email address, a user id and a meeting id in the path or query.
    for (const char* target :
         {"/api/v1/nothing?email=alice@example.test", "/api/v1/meetings/4242424242",
          "/api/v1/enterprises/777/members/31337", "/alice@example.test"}) {
        ASSERT_TRUE(httpRequest(port_, "GET", target));
    }
    auto metrics = httpRequest(port_, "GET", "/metrics");
    ASSERT_TRUE(metrics);
    std::size_t labelled = 0;
    for (std::size_t open = metrics->body.find('{'); open != std::string::npos;
         open = metrics->body.find('{', open + 1)) {
        const std::string labels =
            metrics->body.substr(open, metrics->body.find('}', open) - open + 1);
        ++labelled;
        EXPECT_EQ(labels.find('@'), std::string::npos) << labels;
        EXPECT_EQ(labels.find("127.0.0.1"), std::string::npos) << labels;
        for (const char* id : {"4242424242", "777", "31337", "alice"}) {
            EXPECT_EQ(labels.find(id), std::string::npos) << labels;
        }
    }
    EXPECT_GT(labelled, 5U) << metrics->body;
}

TEST_P(ServeTest, WritesEveryRequestToTheOperationLogAndDrainsOnSigterm) {
    start();
    for (int i = 0; i < 25; ++i) {
        auto r = httpRequest(port_, "GET", "/healthz");
        ASSERT_TRUE(r);
    }
    server_->signal(SIGTERM);
    const auto code = server_->wait(std::chrono::seconds(15));
    ASSERT_TRUE(code.has_value()) << "no exit after SIGTERM";
    EXPECT_EQ(*code, 0) << server_->stderrText();
    // The last records are flushed on the way out: nothing is lost.
    EXPECT_EQ(countOperationLog("/healthz"), 25);
}

TEST_P(ServeTest, SignallingAnswersPingOverWebSocket) {
    start();
    api::testing::RawClient client(port_);
    ASSERT_TRUE(client.upgrade("/ws"));
    ASSERT_TRUE(client.sendText(R"({"id":1,"method":"ping","data":{}})"));
    auto frame = client.readFrame();
    ASSERT_TRUE(frame);
    EXPECT_NE(frame->payload.find("\"ok\":true"), std::string::npos) << frame->payload;
    EXPECT_NE(frame->payload.find("\"time\""), std::string::npos) << frame->payload;
    // The meeting methods are wired: a forged join token is refused.
    ASSERT_TRUE(
        client.sendText(R"({"id":2,"method":"joinMeeting","data":{"joinToken":"vj1.x.00"}})"));
    frame = client.readFrame();
    ASSERT_TRUE(frame);
    EXPECT_NE(frame->payload.find("invalid_join_token"), std::string::npos) << frame->payload;
}

// Base64 (RFC 4648) of a MIME part, line breaks ignored.
std::string decodeBase64(std::string_view in) {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : in) {
        const auto pos = kAlphabet.find(c);
        if (pos == std::string::npos) {
            continue;
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(pos);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xFF));
        }
    }
    return out;
}

// The six-digit code of the newest .eml in the dev outbox folder.
std::string codeFromDevOutbox(const std::string& folder) {
    std::filesystem::path newest;
    for (int i = 0; i < 250 && newest.empty(); ++i) {
        if (std::filesystem::is_directory(folder)) {
            for (const auto& entry : std::filesystem::directory_iterator(folder)) {
                if (entry.path().extension() == ".eml") {
                    newest = entry.path();
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (newest.empty()) {
        return {};
    }
    const std::string mail = readFile(newest.string());
    const auto plain = mail.find("Content-Type: text/plain");
    const auto start = mail.find("\r\n\r\n", plain);
    const auto end = mail.find("--", start);
    const std::string text = decodeBase64(mail.substr(start, end - start));
    std::smatch m;
    return std::regex_search(text, m, std::regex("[0-9]{6}")) ? m.str(0) : std::string{};
}

TEST_P(ServeTest, RegistersWithTheCodeFromTheDevOutboxAndServesTheOpenApiDocument) {
    start();
    const std::string origin = "Origin: http://127.0.0.1\r\n";
    auto sent = httpRequest(port_, "POST", "/api/v1/auth/code", origin,
                            R"({"target":"ann@example.com","purpose":"register"})");
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->status, 202) << sent->body;
    const std::string code = codeFromDevOutbox(dir_.path + "/var/outbox");
    ASSERT_EQ(code.size(), 6u) << "no code in the dev outbox";
    auto registered =
        httpRequest(port_, "POST", "/api/v1/auth/register", origin,
                    R"({"target":"ann@example.com","code":")" + code +
                        R"(","displayName":"Ann","password":"correct horse","birthYear":1985,)"
                        R"("birthMonth":7})");
    ASSERT_TRUE(registered);
    ASSERT_EQ(registered->status, 201) << registered->body;
    const std::string cookie = registered->header("set-cookie");
    ASSERT_TRUE(cookie.starts_with("vp_session=")) << cookie;
    const std::string token = cookie.substr(11, cookie.find(';') - 11);
    auto me = httpRequest(port_, "GET", "/api/v1/me", "Cookie: vp_session=" + token + "\r\n");
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200) << me->body;
    EXPECT_NE(me->body.find("\"displayName\":\"Ann\""), std::string::npos) << me->body;
    auto login = httpRequest(port_, "POST", "/api/v1/auth/login", origin,
                             R"({"target":"ann@example.com","password":"correct horse"})");
    ASSERT_TRUE(login);
    EXPECT_EQ(login->status, 200) << login->body;
    auto openapi = httpRequest(port_, "GET", "/api/openapi.json");
    ASSERT_TRUE(openapi);
    EXPECT_EQ(openapi->status, 200);
    EXPECT_NE(openapi->body.find("\"/api/v1/auth/register\""), std::string::npos);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(ServeTest);

}  // namespace
}  // namespace vp::app::testing
