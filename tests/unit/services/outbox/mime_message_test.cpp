#include "services/outbox/mime_message.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace vp::services::outbox {
namespace {

MimeMessage sample() {
    return {"noreply@videopro.test", "VideoPro",    "alice@example.com",       "Hello",
            "line one\nline two\n",  "<p>hi</p>\n", common::FakeClock().now(), "abc@videopro.test"};
}

TEST(MimeMessage, HasHeadersAndTwoBase64PartsWithCrlf) {
    auto mime = renderMime(sample(), common::SecureRandom::instance());
    ASSERT_TRUE(mime.ok());
    const auto& m = *mime;
    EXPECT_EQ(m.rfind("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n", 0), 0U);
    EXPECT_NE(m.find("From: \"VideoPro\" <noreply@videopro.test>\r\n"), std::string::npos);
    EXPECT_NE(m.find("To: <alice@example.com>\r\n"), std::string::npos);
    EXPECT_NE(m.find("Message-ID: <abc@videopro.test>\r\n"), std::string::npos);
    EXPECT_NE(m.find("MIME-Version: 1.0\r\n"), std::string::npos);
    EXPECT_NE(m.find("Content-Type: multipart/alternative; boundary=\"=_vp_"), std::string::npos);
    EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
    EXPECT_NE(m.find("Content-Type: text/html; charset=UTF-8\r\n"), std::string::npos);
    // "line one\r\nline two\r\n" in base64
    EXPECT_NE(m.find("bGluZSBvbmUNCmxpbmUgdHdvDQo=\r\n"), std::string::npos);
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (m[i] == '\n') {
            ASSERT_TRUE(i > 0 && m[i - 1] == '\r') << "bare LF at " << i;
        }
    }
}

TEST(MimeMessage, TextOnlyWhenThereIsNoHtml) {
    auto msg = sample();
    msg.html.clear();
    auto mime = renderMime(msg, common::SecureRandom::instance());
    ASSERT_TRUE(mime.ok());
    EXPECT_EQ(mime->find("multipart"), std::string::npos);
    EXPECT_NE(mime->find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
}

TEST(MimeMessage, RefusesLineBreaksInHeaders) {
    for (auto field : {&MimeMessage::to, &MimeMessage::subject, &MimeMessage::fromName}) {
        auto msg = sample();
        msg.*field += "\r\nBcc: victim@example.com";
        auto mime = renderMime(msg, common::SecureRandom::instance());
        ASSERT_FALSE(mime.ok());
        EXPECT_EQ(mime.error().code, "outbox.invalid_message");
    }
}

TEST(MimeMessage, EncodesNonAsciiSubjectsWithoutSplittingCharacters) {
    EXPECT_EQ(encodeHeaderText("Plain subject"), "Plain subject");
    EXPECT_EQ(encodeHeaderText("Zoë"), "=?UTF-8?B?Wm/Dqw==?=");
    const std::string longText(40, 'a');
    const auto encoded = encodeHeaderText(longText + "ééééé");  // é straddles byte 45
    EXPECT_NE(encoded.find("?=\r\n =?UTF-8?B?"), std::string::npos);
    // Each encoded word is at most 75 characters.
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        if (end == std::string::npos) {
            end = encoded.size();
        }
        EXPECT_LE(end - start, 75U);
        start = end + 3;
    }
    // The first word holds 40 'a' and two é (44 bytes), not half of the third.
    EXPECT_EQ(encoded.substr(0, encoded.find("?=") + 2),
              "=?UTF-8?B?YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYcOpw6k=?=");
}

TEST(MimeMessage, Base64LinesAreAtMost76) {
    const auto lines = base64Lines(std::string(200, 'x'));
    std::size_t start = 0;
    while (start < lines.size()) {
        const auto end = lines.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 76U);
        start = end + 2;
    }
    EXPECT_EQ(base64Lines("f"), "Zg==\r\n");
    EXPECT_EQ(base64Lines("fo"), "Zm8=\r\n");
    EXPECT_EQ(base64Lines("foo"), "Zm9v\r\n");
}

TEST(MimeMessage, MessageIdUsesTheSendersDomain) {
    const auto id = makeMessageId(common::SecureRandom::instance(), "noreply@mail.example.org");
    EXPECT_EQ(id.size(), 32U + 1 + 16);
    EXPECT_EQ(id.substr(32), "@mail.example.org");
}

}  // namespace
}  // namespace vp::services::outbox
