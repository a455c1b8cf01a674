#pragma once
// The texts of every outgoing message, in English, plain text + HTML (R-ACC-6).
// Templates hold {{placeholders}}; values are inserted as they are into the subject
// and text, and HTML-escaped into the HTML part.
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/accounts/outbound_message.hpp"

namespace vp::domain::accounts {

enum class TemplateId {
    CodeEmail,               // code, minutes
    CodeSms,                 // code, minutes
    EnterpriseVerification,  // company, name, code, minutes
    InvitationEmail,         // enterprise, inviter, link, expires
    InvitationSms,           // enterprise, link
    GuardianConsentEmail,    // child, code, minutes, link
    GuardianConsentSms,      // child, code, minutes
    CancellationNotice,      // name, date
    IncidentNoticeEmail,     // name, window, summary, measures, advice, link
    IncidentNoticeSms,       // link
    ContactChangeEmail,      // code, minutes (to the current and to the new address)
    ContactChangeSms,        // code, minutes
};

struct MessageTemplate {
    TemplateId id;
    std::string_view name;  // stable, stored with the message
    Channel channel;
    std::string_view subject;  // empty for SMS
    std::string_view text;
    std::string_view html;  // the inside of <body>; empty for SMS
};

using TemplateValues = std::map<std::string, std::string, std::less<>>;

std::span<const MessageTemplate> allTemplates();
const MessageTemplate& messageTemplate(TemplateId id);

// Fails ("templates.missing_value") when a placeholder has no value, and
// ("templates.invalid_value") when a value holds a control character other than a
// line break (a line break is refused in the subject too).
common::Result<RenderedMessage> renderMessage(TemplateId id, const TemplateValues& values);

// &, <, >, " and ' as character references.
std::string escapeHtml(std::string_view text);

}  // namespace vp::domain::accounts
