#include "domain/accounts/contact.hpp"

#include <gtest/gtest.h>

namespace vp::domain::accounts {
namespace {

TEST(NormalizeEmail, TrimsAndLowercasesTheDomainOnly) {
    auto e = normalizeEmail("  Alice.Smith@Example.COM \n");
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(*e, "Alice.Smith@example.com");
}

TEST(NormalizeEmail, AcceptsDotAtomSpecials) {
    EXPECT_TRUE(normalizeEmail("a+tag_x-y@sub.example.org").ok());
    EXPECT_TRUE(normalizeEmail("o'neil@example.ie").ok());
}

TEST(NormalizeEmail, RefusesMalformedAddresses) {
    for (const char* bad :
         {"", "   ", "alice", "alice@", "@example.com", "alice@@example.com", "al ice@example.com",
          ".alice@example.com", "alice.@example.com", "al..ice@example.com", "alice@example",
          "alice@-example.com", "alice@example..com", "alice@127.0.0.1", "alice@[127.0.0.1]",
          "\"quoted\"@example.com", "alice@example.com\r\nBcc: x@y.com", "a<b>@example.com",
          "alice@exa_mple.com"}) {
        auto e = normalizeEmail(bad);
        EXPECT_FALSE(e.ok()) << bad;
        if (!e.ok()) {
            EXPECT_EQ(e.error().code, "accounts.invalid_email");
        }
    }
}

TEST(NormalizeEmail, BoundsLengths) {
    const std::string longLocal(65, 'a');
    EXPECT_FALSE(normalizeEmail(longLocal + "@example.com").ok());
    const std::string longDomain = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                                   std::string(63, 'c') + "." + std::string(63, 'd') + ".com";
    EXPECT_FALSE(normalizeEmail("a@" + longDomain).ok());
}

TEST(NormalizePhone, AcceptsE164WithSeparators) {
    EXPECT_EQ(normalizePhone("+44 20 7946-0958").valueOr(""), "+442079460958");
    EXPECT_EQ(normalizePhone("(+86) 138.1234.5678").valueOr(""), "+8613812345678");
    EXPECT_EQ(normalizePhone("0044 20 7946 0958").valueOr(""), "+442079460958");
}

TEST(NormalizePhone, RefusesMalformedNumbers) {
    for (const char* bad :
         {"", "020 7946 0958", "+0 123 456 789", "+1234567", "+1234567890123456",
          "+44 20 7946 0958 ext 3", "++44207946095", "+44+207946095", "+44\n2079460958"}) {
        auto p = normalizePhone(bad);
        EXPECT_FALSE(p.ok()) << bad;
        if (!p.ok()) {
            EXPECT_EQ(p.error().code, "accounts.invalid_phone");
        }
    }
}

TEST(ParseContact, PicksTheChannelByShape) {
    auto email = parseContact("bob@Example.com");
    ASSERT_TRUE(email.ok());
    EXPECT_EQ(*email, (Contact{Channel::Email, "bob@example.com"}));
    auto phone = parseContact("+1 202 555 0143");
    ASSERT_TRUE(phone.ok());
    EXPECT_EQ(*phone, (Contact{Channel::Sms, "+12025550143"}));
    EXPECT_FALSE(parseContact("bob").ok());
}

}  // namespace
}  // namespace vp::domain::accounts
