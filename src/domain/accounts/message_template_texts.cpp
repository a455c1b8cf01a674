// The wording of every message. Keep SMS texts under 160 characters once filled in.
#include "domain/accounts/message_templates.hpp"

namespace vp::domain::accounts {
namespace {

constexpr MessageTemplate kTemplates[] = {
    {TemplateId::CodeEmail, "code_email", Channel::Email, "Your VideoPro verification code",
     "Your VideoPro verification code is {{code}}.\n\n"
     "It is valid for {{minutes}} minutes and can be used once.\n"
     "If you did not ask for it, ignore this message: nothing happens without the code.\n"
     "VideoPro staff will never ask you for this code.\n",
     "<p>Your VideoPro verification code is</p>\n"
     "<p style=\"font-size:28px;letter-spacing:4px\"><strong>{{code}}</strong></p>\n"
     "<p>It is valid for {{minutes}} minutes and can be used once.</p>\n"
     "<p>If you did not ask for it, ignore this message: nothing happens without the code. "
     "VideoPro staff will never ask you for this code.</p>\n"},
    {TemplateId::CodeSms, "code_sms", Channel::Sms, "",
     "VideoPro code: {{code}}. Valid for {{minutes}} minutes. Never share it with anyone.", ""},
    {TemplateId::EnterpriseVerification, "enterprise_verification", Channel::Email,
     "Confirm the VideoPro enterprise {{company}}",
     "Hello {{name}},\n\n"
     "you are registering the enterprise \"{{company}}\" on VideoPro. To confirm this "
     "address, enter the code {{code}} in the registration form.\n\n"
     "It is valid for {{minutes}} minutes and can be used once.\n"
     "If you did not register it, ignore this message and nothing is created.\n",
     "<p>Hello {{name}},</p>\n"
     "<p>you are registering the enterprise &ldquo;{{company}}&rdquo; on VideoPro. To confirm "
     "this address, enter this code in the registration form:</p>\n"
     "<p style=\"font-size:28px;letter-spacing:4px\"><strong>{{code}}</strong></p>\n"
     "<p>It is valid for {{minutes}} minutes and can be used once.</p>\n"
     "<p>If you did not register it, ignore this message and nothing is created.</p>\n"},
    {TemplateId::InvitationEmail, "invitation_email", Channel::Email,
     "{{inviter}} invites you to {{enterprise}} on VideoPro",
     "Hello,\n\n"
     "{{inviter}} invites you to join the enterprise \"{{enterprise}}\" on VideoPro.\n"
     "Accept or decline the invitation here (it expires on {{expires}}):\n\n{{link}}\n\n"
     "You are free to decline; nothing is shared with the enterprise unless you accept.\n",
     "<p>Hello,</p>\n"
     "<p>{{inviter}} invites you to join the enterprise &ldquo;{{enterprise}}&rdquo; on "
     "VideoPro.</p>\n"
     "<p><a href=\"{{link}}\">Accept or decline the invitation</a> (it expires on "
     "{{expires}}).</p>\n"
     "<p>You are free to decline; nothing is shared with the enterprise unless you "
     "accept.</p>\n"},
    {TemplateId::InvitationSms, "invitation_sms", Channel::Sms, "",
     "VideoPro: you are invited to join {{enterprise}}. Accept or decline: {{link}}", ""},
    {TemplateId::GuardianConsentEmail, "guardian_consent_email", Channel::Email,
     "Your consent is needed for {{child}}'s VideoPro account",
     "Hello,\n\n"
     "{{child}} wants to use VideoPro and gave this address as a parent or guardian. "
     "Because {{child}} is under 14, the account stays inactive until a guardian "
     "agrees.\n\n"
     "To agree, open {{link}} and enter the code {{code}} (valid for {{minutes}} "
     "minutes).\n\n"
     "If you do not agree, do nothing: the request and its data are deleted after 7 "
     "days.\n",
     "<p>Hello,</p>\n"
     "<p>{{child}} wants to use VideoPro and gave this address as a parent or guardian. "
     "Because {{child}} is under 14, the account stays inactive until a guardian "
     "agrees.</p>\n"
     "<p>To agree, open <a href=\"{{link}}\">the consent page</a> and enter the code "
     "<strong>{{code}}</strong> (valid for {{minutes}} minutes).</p>\n"
     "<p>If you do not agree, do nothing: the request and its data are deleted after 7 "
     "days.</p>\n"},
    {TemplateId::GuardianConsentSms, "guardian_consent_sms", Channel::Sms, "",
     "VideoPro: {{child}} (under 14) asks for your consent. Code {{code}}, valid "
     "{{minutes}} min. Ignore to refuse.",
     ""},
    {TemplateId::CancellationNotice, "cancellation_notice", Channel::Email,
     "Your VideoPro account has been cancelled",
     "Hello {{name}},\n\n"
     "your VideoPro account was cancelled on {{date}}. Your personal information has "
     "been deleted or anonymised, and your meetings and recordings destroyed.\n"
     "An account cannot be restored after cancellation.\n",
     "<p>Hello {{name}},</p>\n"
     "<p>your VideoPro account was cancelled on {{date}}. Your personal information has "
     "been deleted or anonymised, and your meetings and recordings destroyed.</p>\n"
     "<p>An account cannot be restored after cancellation.</p>\n"},
    {TemplateId::IncidentNoticeEmail, "incident_notice_email", Channel::Email,
     "Security notice: an incident may have affected your VideoPro data",
     "Hello {{name}},\n\n"
     "we are informing you of a security incident that may have affected your personal "
     "information on VideoPro ({{window}}).\n\n"
     "What happened:\n{{summary}}\n\n"
     "What we did:\n{{measures}}\n\n"
     "What you can do:\n{{advice}}\n\n"
     "The public announcement: {{link}}\n",
     "<p>Hello {{name}},</p>\n"
     "<p>we are informing you of a security incident that may have affected your personal "
     "information on VideoPro ({{window}}).</p>\n"
     "<h2>What happened</h2>\n<p style=\"white-space:pre-wrap\">{{summary}}</p>\n"
     "<h2>What we did</h2>\n<p style=\"white-space:pre-wrap\">{{measures}}</p>\n"
     "<h2>What you can do</h2>\n<p style=\"white-space:pre-wrap\">{{advice}}</p>\n"
     "<p><a href=\"{{link}}\">The public announcement</a></p>\n"},
    {TemplateId::IncidentNoticeSms, "incident_notice_sms", Channel::Sms, "",
     "VideoPro security notice: an incident may have affected your data. What happened and "
     "what to do: {{link}}",
     ""},
    {TemplateId::ContactChangeEmail, "contact_change_email", Channel::Email,
     "Confirm the change of your VideoPro sign-in address",
     "A change of the email address or mobile number of a VideoPro account was asked "
     "for, naming this address. To confirm it, enter the code {{code}}.\n\n"
     "It is valid for {{minutes}} minutes and can be used once. The change needs this code "
     "and a second one sent to the other address.\n"
     "If you did not ask for it, ignore this message: nothing changes without the code.\n",
     "<p>A change of the email address or mobile number of a VideoPro account was asked "
     "for, naming this address. To confirm it, enter the code</p>\n"
     "<p style=\"font-size:28px;letter-spacing:4px\"><strong>{{code}}</strong></p>\n"
     "<p>It is valid for {{minutes}} minutes and can be used once. The change needs this "
     "code and a second one sent to the other address.</p>\n"
     "<p>If you did not ask for it, ignore this message: nothing changes without the "
     "code.</p>\n"},
    {TemplateId::ContactChangeSms, "contact_change_sms", Channel::Sms, "",
     "VideoPro code {{code}} confirms a change of your sign-in email or number. Valid "
     "{{minutes}} min. Not you? Ignore it.",
     ""},
};

}  // namespace

std::span<const MessageTemplate> allTemplates() {
    return kTemplates;
}

}  // namespace vp::domain::accounts
