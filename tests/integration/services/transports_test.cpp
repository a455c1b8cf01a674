// The three outbox transports against real servers: aiosmtpd (plain and STARTTLS
// with login), a stand-in HTTP SMS gateway, and the development folder.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/accounts/message_templates.hpp"
#include "server_process.hpp"
#include "services/outbox/dev_file_transport.hpp"
#include "services/outbox/http_sms_transport.hpp"
#include "services/outbox/smtp_transport.hpp"

namespace vp::services::outbox {
namespace {

using domain::accounts::Channel;
using domain::accounts::OutboundMessage;
using testing::ServerProcess;

common::FakeClock kClock;

OutboundMessage emailMessage() {
    auto content = domain::accounts::renderMessage(
        domain::accounts::TemplateId::EnterpriseVerification, {{"company", "Acme <Ünïcode> & Co"},
                                                               {"name", "Zoë"},
                                                               {"code", "012345"},
                                                               {"minutes", "10"}});
    EXPECT_TRUE(content.ok());
    OutboundMessage m;
    m.id = 7;
    m.channel = Channel::Email;
    m.recipient = "alice@example.com";
    m.content = *content;
    m.createdAt = kClock.now();
    return m;
}

OutboundMessage smsMessage() {
    OutboundMessage m;
    m.id = 8;
    m.channel = Channel::Sms;
    m.recipient = "+447700900123";
    m.content = {"code_sms", "", "VideoPro code: 012345 & more", ""};
    m.createdAt = kClock.now();
    return m;
}

ServerProcess startServer(const std::string& script, const std::vector<std::string>& args = {}) {
    std::string error;
    auto server = ServerProcess::start(script, args, error);
    if (!server) {
        ADD_FAILURE() << error;
        std::abort();
    }
    return std::move(*server);
}

boost::json::object record(const ServerProcess& server, int n) {
    const auto text = server.waitForRecord(n);
    EXPECT_FALSE(text.empty()) << "the server received no message " << n;
    return text.empty() ? boost::json::object{} : boost::json::parse(text).as_object();
}

std::string str(const boost::json::value& v) {
    return std::string(v.as_string());
}

SmtpOptions smtpTo(int port) {
    SmtpOptions o;
    o.url = "smtp://127.0.0.1:" + std::to_string(port);
    o.starttls = false;
    o.fromAddress = "noreply@videopro.test";
    o.limits.connectTimeout = std::chrono::seconds{5};
    o.limits.totalTimeout = std::chrono::seconds{10};
    return o;
}

TEST(SmtpTransport, DeliversMultipartAlternativeWithHeaders) {
    auto server = startServer("smtp_server.py");
    SmtpTransport smtp(smtpTo(server.port()), kClock, common::SecureRandom::instance());
    const auto message = emailMessage();
    auto sent = smtp.send(message);
    ASSERT_TRUE(sent.ok()) << sent.error().message;

    auto r = record(server, 1);
    EXPECT_EQ(str(r["mail_from"]), "noreply@videopro.test");
    EXPECT_EQ(str(r["rcpt_tos"].as_array()[0]), "alice@example.com");
    EXPECT_EQ(str(r["content_type"]), "multipart/alternative");
    EXPECT_EQ(str(r["subject"]), message.content.subject);  // RFC 2047 decoded back
    EXPECT_EQ(str(r["from"]), "VideoPro <noreply@videopro.test>");
    EXPECT_EQ(str(r["date"]), "Fri, 15 Jan 2027 08:00:00 +0000");
    EXPECT_NE(str(r["message_id"]).find("@videopro.test>"), std::string::npos);
    auto& parts = r["parts"].as_object();
    ASSERT_TRUE(parts.contains("text/plain") && parts.contains("text/html"));
    std::string text = str(parts["text/plain"]);
    std::erase(text, '\r');
    EXPECT_EQ(text, message.content.text);
    EXPECT_NE(str(parts["text/html"]).find("Acme &lt;Ünïcode&gt; &amp; Co"), std::string::npos);
    const auto raw = testing::readFile(server.dir() / "1.eml");
    EXPECT_NE(raw.find("MIME-Version: 1.0\r\n"), std::string::npos);
    EXPECT_NE(raw.find("Content-Transfer-Encoding: base64"), std::string::npos);
}

TEST(SmtpTransport, UsesStartTlsAndLogsIn) {
    const auto certDir = testing::makeTempDir("vp-cert-");
    const auto cert = (certDir / "cert.pem").string();
    const auto key = (certDir / "key.pem").string();
    const auto command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + cert + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    auto server = startServer("smtp_server.py", {"--tls", cert, key, "--auth", "mailer:s3cret"});

    auto options = smtpTo(server.port());
    options.starttls = true;
    options.username = "mailer";
    options.password = "s3cret";
    options.limits.caFile = cert;
    SmtpTransport smtp(options, kClock, common::SecureRandom::instance());
    auto sent = smtp.send(emailMessage());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    auto r = record(server, 1);
    EXPECT_TRUE(r["tls"].as_bool());
    EXPECT_TRUE(r["authenticated"].as_bool());

    options.password = "wrong";
    SmtpTransport badLogin(options, kClock, common::SecureRandom::instance());
    auto refused = badLogin.send(emailMessage());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, kTransient)
        << "a login problem is fixed by config, then retried";

    options.password = "s3cret";
    options.limits.caFile.clear();  // the system store does not trust the test certificate
    SmtpTransport untrusted(options, kClock, common::SecureRandom::instance());
    EXPECT_FALSE(untrusted.send(emailMessage()).ok());
    EXPECT_EQ(server.records(), 1);
    std::filesystem::remove_all(certDir);
}

TEST(SmtpTransport, RefusesToSendInTheClearWhenStartTlsIsRequired) {
    auto server = startServer("smtp_server.py");  // offers no STARTTLS
    auto options = smtpTo(server.port());
    options.starttls = true;
    SmtpTransport smtp(options, kClock, common::SecureRandom::instance());
    auto sent = smtp.send(emailMessage());
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(server.records(), 0);
}

TEST(SmtpTransport, ServerDownIsTransient) {
    SmtpTransport smtp(smtpTo(testing::closedPort()), kClock, common::SecureRandom::instance());
    auto sent = smtp.send(emailMessage());
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, kTransient);
    EXPECT_EQ(sent.error().message.find("alice"), std::string::npos);
}

HttpSmsOptions gatewayAt(int port) {
    HttpSmsOptions o;
    o.urlTemplate = "http://127.0.0.1:" + std::to_string(port) + "/send?to={to}&text={text}";
    o.bodyTemplate = "To={to}&Body={text}";
    o.authHeader = "Authorization: Bearer gateway-token";
    o.limits.totalTimeout = std::chrono::seconds{10};
    return o;
}

TEST(HttpSmsTransport, PostsUrlEncodedValuesWithTheAuthHeader) {
    auto server =
        startServer("sms_gateway.py", {"--require-header", "Authorization: Bearer gateway-token"});
    HttpSmsTransport sms(gatewayAt(server.port()));
    auto sent = sms.send(smsMessage());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    auto r = record(server, 1);
    EXPECT_EQ(str(r["path"]),
              "/send?to=%2B447700900123&text=VideoPro%20code%3A%20012345%20%26%20more");
    EXPECT_EQ(str(r["body"]), "To=%2B447700900123&Body=VideoPro%20code%3A%20012345%20%26%20more");
    EXPECT_EQ(str(r["headers"].as_object()["authorization"]), "Bearer gateway-token");
    EXPECT_EQ(str(r["headers"].as_object()["content-type"]), "application/x-www-form-urlencoded");
}

TEST(HttpSmsTransport, ClassifiesFailures) {
    auto server = startServer("sms_gateway.py", {"--fail-first", "1", "--require-header",
                                                 "Authorization: Bearer gateway-token"});
    auto options = gatewayAt(server.port());
    HttpSmsTransport sms(options);
    auto first = sms.send(smsMessage());
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().code, kTransient);  // 503
    EXPECT_NE(first.error().message.find("503"), std::string::npos);
    options.authHeader = "Authorization: Bearer wrong";
    HttpSmsTransport wrongToken(options);
    auto refused = wrongToken.send(smsMessage());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, kRejected);  // 401
    HttpSmsTransport down(gatewayAt(testing::closedPort()));
    auto unreachable = down.send(smsMessage());
    ASSERT_FALSE(unreachable.ok());
    EXPECT_EQ(unreachable.error().code, kTransient);
}

TEST(DevFileTransport, WritesOneReadableFilePerMessage) {
    const auto dir = testing::makeTempDir("vp-outbox-") / "var" / "outbox";
    DevFileTransport files(dir, kClock, common::SecureRandom::instance());
    const auto email = emailMessage();
    const auto sms = smsMessage();
    ASSERT_TRUE(files.send(email).ok());
    ASSERT_TRUE(files.send(sms).ok());
    const auto eml = testing::readFile(files.pathFor(email));
    EXPECT_EQ(files.pathFor(email).extension(), ".eml");
    EXPECT_NE(eml.find("To: <alice@example.com>\r\n"), std::string::npos);
    EXPECT_NE(eml.find("Content-Type: multipart/alternative"), std::string::npos);
    const auto txt = testing::readFile(files.pathFor(sms));
    EXPECT_NE(txt.find("To: +447700900123\n"), std::string::npos);
    EXPECT_NE(txt.find("VideoPro code: 012345 & more"), std::string::npos);
    const auto perms = std::filesystem::status(files.pathFor(sms)).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++count;
    }
    EXPECT_EQ(count, 2U) << "no temporary files are left behind";
    std::filesystem::remove_all(dir.parent_path().parent_path());
}

}  // namespace
}  // namespace vp::services::outbox
