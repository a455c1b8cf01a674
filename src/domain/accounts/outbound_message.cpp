#include "domain/accounts/outbound_message.hpp"

namespace vp::domain::accounts {

std::string_view toString(Channel channel) {
    return channel == Channel::Email ? "email" : "sms";
}

std::string_view toString(MessageStatus status) {
    switch (status) {
        case MessageStatus::Queued:
            return "queued";
        case MessageStatus::Sending:
            return "sending";
        case MessageStatus::Sent:
            return "sent";
        case MessageStatus::Failed:
            return "failed";
    }
    return "failed";
}

std::optional<Channel> parseChannel(std::string_view text) {
    if (text == "email") {
        return Channel::Email;
    }
    if (text == "sms") {
        return Channel::Sms;
    }
    return std::nullopt;
}

std::optional<MessageStatus> parseMessageStatus(std::string_view text) {
    for (auto s : {MessageStatus::Queued, MessageStatus::Sending, MessageStatus::Sent,
                   MessageStatus::Failed}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

}  // namespace vp::domain::accounts
