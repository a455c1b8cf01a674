#pragma once
// An outgoing message (R-ACC-6): one row of the outbox, whatever its channel.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vp::domain::accounts {

enum class Channel { Email, Sms };
enum class MessageStatus { Queued, Sending, Sent, Failed };

std::string_view toString(Channel channel);
std::string_view toString(MessageStatus status);
std::optional<Channel> parseChannel(std::string_view text);
std::optional<MessageStatus> parseMessageStatus(std::string_view text);

// What a template produced: the subject and both bodies (SMS uses text only).
struct RenderedMessage {
    std::string templateId;
    std::string subject;
    std::string text;
    std::string html;

    std::size_t size() const { return subject.size() + text.size() + html.size(); }
};

struct OutboundMessage {
    std::int64_t id = 0;
    Channel channel = Channel::Email;
    std::string recipient;  // normalised email address or E.164 phone number
    RenderedMessage content;
    MessageStatus status = MessageStatus::Queued;
    int attempts = 0;  // claims so far, the current one included while Sending
    // Queued: when it is due. Sending: when the claim's lease runs out.
    std::chrono::system_clock::time_point nextAttemptAt;
    std::string lastError;
    std::chrono::system_clock::time_point createdAt;
    std::optional<std::chrono::system_clock::time_point> sentAt;
};

}  // namespace vp::domain::accounts
