#include "domain/enterprises/invitation.hpp"

#include <gtest/gtest.h>

namespace vp::domain::enterprises {
namespace {

using namespace std::chrono_literals;

const TimePoint kSent = std::chrono::sys_days{std::chrono::year{2027} / 1 / 8} + 9h;

Invitation invitation(InvitationStatus status = InvitationStatus::Pending) {
    Invitation i;
    i.id = 3;
    i.enterpriseId = 1;
    i.target = {accounts::Channel::Email, "bob@example.com"};
    i.status = status;
    i.createdAt = kSent;
    i.expiresAt = kSent + 7 * 24h;
    return i;
}

TEST(Invitations, ArePendingUntilTheyExpire) {
    const auto i = invitation();
    EXPECT_EQ(stateAt(i, kSent), InvitationState::Pending);
    EXPECT_EQ(stateAt(i, i.expiresAt - 1ms), InvitationState::Pending);
    EXPECT_EQ(stateAt(i, i.expiresAt), InvitationState::Expired);
    EXPECT_TRUE(checkResponse(i, i.expiresAt - 1ms).ok());
}

TEST(Invitations, AnExpiredInvitationSaysWhenAndWhatToDo) {
    const auto i = invitation();
    auto refused = checkResponse(i, i.expiresAt + 1h);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "invitation_expired");
    EXPECT_NE(refused.error().message.find("2027-01-15"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("invite you again"), std::string::npos);
}

TEST(Invitations, AnsweredOnesCannotBeAnsweredAgain) {
    for (auto s :
         {InvitationStatus::Accepted, InvitationStatus::Declined, InvitationStatus::Revoked}) {
        auto refused = checkResponse(invitation(s), kSent);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, "invitation_answered");
        // The stored answer wins over expiry.
        EXPECT_NE(stateAt(invitation(s), kSent + 30 * 24h), InvitationState::Expired);
    }
}

TEST(Invitations, AreAddressedToTheExactContactOnItsChannel) {
    auto i = invitation();
    EXPECT_TRUE(addressedTo(i, std::string("bob@example.com"), std::nullopt));
    EXPECT_FALSE(addressedTo(i, std::string("Bob@example.com"), std::nullopt));
    EXPECT_FALSE(addressedTo(i, std::nullopt, std::string("bob@example.com")));
    i.target = {accounts::Channel::Sms, "+447700900123"};
    EXPECT_TRUE(addressedTo(i, std::nullopt, std::string("+447700900123")));
    EXPECT_FALSE(addressedTo(i, std::string("+447700900123"), std::nullopt));
}

TEST(Invitations, StatusesRoundTrip) {
    for (auto s : {InvitationStatus::Pending, InvitationStatus::Accepted,
                   InvitationStatus::Declined, InvitationStatus::Revoked}) {
        EXPECT_EQ(parseInvitationStatus(toString(s)), s);
    }
    EXPECT_FALSE(parseInvitationStatus("expired"));  // never stored
    EXPECT_EQ(dateText(kSent), "2027-01-08");
}

}  // namespace
}  // namespace vp::domain::enterprises
