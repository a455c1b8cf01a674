#include "domain/accounts/message_templates.hpp"

#include <gtest/gtest.h>

#include <set>

namespace vp::domain::accounts {
namespace {

TemplateValues everyValue() {
    return {{"code", "012345"},
            {"minutes", "10"},
            {"company", "Acme & Sons"},
            {"name", "Ada"},
            {"link", "https://videopro.example/x?a=1&b=2"},
            {"enterprise", "Acme"},
            {"inviter", "Ada"},
            {"expires", "2027-01-15"},
            {"child", "Tom"},
            {"date", "2027-01-15"},
            {"window", "1-2 March 2027"},
            {"summary", "A lost laptop"},
            {"measures", "Keys rotated"},
            {"advice", "Sign in again"}};
}

TEST(MessageTemplates, EveryTemplateRendersWithoutLeftoverPlaceholders) {
    std::set<std::string_view> names;
    for (const auto& t : allTemplates()) {
        EXPECT_TRUE(names.insert(t.name).second) << "duplicate name " << t.name;
        auto r = renderMessage(t.id, everyValue());
        ASSERT_TRUE(r.ok()) << t.name << ": " << r.error().message;
        EXPECT_EQ(r->templateId, t.name);
        EXPECT_FALSE(r->text.empty());
        EXPECT_EQ(r->text.find("{{"), std::string::npos) << t.name;
        EXPECT_EQ(r->html.find("{{"), std::string::npos) << t.name;
        EXPECT_EQ(r->subject.find("{{"), std::string::npos) << t.name;
        if (t.channel == Channel::Email) {
            EXPECT_FALSE(r->subject.empty()) << t.name;
            EXPECT_NE(r->html.find("<!DOCTYPE html>"), std::string::npos) << t.name;
            EXPECT_NE(r->html.find("</html>"), std::string::npos) << t.name;
        } else {
            EXPECT_TRUE(r->subject.empty()) << t.name;
            EXPECT_TRUE(r->html.empty()) << t.name;
            EXPECT_LE(r->text.size(), 160U) << t.name << " is longer than one SMS";
        }
    }
    EXPECT_EQ(names.size(), 12U);
}

TEST(MessageTemplates, CodeEmailCarriesTheCodeInBothParts) {
    auto r = renderMessage(TemplateId::CodeEmail, {{"code", "004217"}, {"minutes", "10"}});
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r->text.find("004217"), std::string::npos);
    EXPECT_NE(r->html.find("<strong>004217</strong>"), std::string::npos);
    EXPECT_NE(r->text.find("10 minutes"), std::string::npos);
}

TEST(MessageTemplates, EscapesValuesInHtmlButNotInText) {
    auto values = everyValue();
    values["company"] = "<script>alert('x')</script> & \"Co\"";
    auto r = renderMessage(TemplateId::EnterpriseVerification, values);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->html.find("<script>"), std::string::npos);
    EXPECT_NE(r->html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"),
              std::string::npos);
    EXPECT_NE(r->text.find("<script>alert('x')</script>"), std::string::npos);
    EXPECT_NE(r->subject.find("<script>"), std::string::npos);
}

TEST(MessageTemplates, LinkIsEscapedInsideTheAttribute) {
    auto values = everyValue();
    values["link"] = "https://x.example/\"><img src=x>";
    auto r = renderMessage(TemplateId::InvitationEmail, values);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->html.find("\"><img"), std::string::npos);
}

TEST(MessageTemplates, MissingValueIsAnError) {
    auto r = renderMessage(TemplateId::CodeEmail, {{"code", "123456"}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "templates.missing_value");
    EXPECT_NE(r.error().message.find("{{minutes}}"), std::string::npos);
}

TEST(MessageTemplates, RefusesHeaderInjectionThroughTheSubject) {
    auto values = everyValue();
    values["company"] = "Acme\r\nBcc: victim@example.com";
    auto r = renderMessage(TemplateId::EnterpriseVerification, values);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "templates.invalid_value");
    values["company"] = "Acme\nBcc: victim@example.com";
    EXPECT_FALSE(renderMessage(TemplateId::EnterpriseVerification, values).ok());
}

TEST(EscapeHtml, EscapesTheFiveCharacters) {
    EXPECT_EQ(escapeHtml("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    EXPECT_EQ(escapeHtml("plain ünïcode"), "plain ünïcode");
}

}  // namespace
}  // namespace vp::domain::accounts
