#include "domain/accounts/message_templates.hpp"

#include <cassert>

namespace vp::domain::accounts {
namespace {

constexpr std::string_view kHtmlHead =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>";
constexpr std::string_view kHtmlBody =
    "</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n";
constexpr std::string_view kHtmlTail = "</body>\n</html>\n";

enum class Part { Subject, Text, Html };

common::Status checkValue(std::string_view name, std::string_view value, Part part) {
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        const bool lineBreak = c == '\n';
        if ((u < 0x20 && !lineBreak) || u == 0x7f || (lineBreak && part == Part::Subject)) {
            return common::makeError(
                "templates.invalid_value",
                "the value of {{" + std::string(name) + "}} holds a control character; remove it");
        }
    }
    return {};
}

common::Status fill(std::string_view tmpl, const TemplateValues& values, Part part,
                    std::string& out) {
    std::size_t pos = 0;
    for (;;) {
        const auto open = tmpl.find("{{", pos);
        if (open == std::string_view::npos) {
            out.append(tmpl.substr(pos));
            return {};
        }
        const auto close = tmpl.find("}}", open + 2);
        assert(close != std::string_view::npos && "unterminated placeholder in a template");
        out.append(tmpl.substr(pos, open - pos));
        const auto name = tmpl.substr(open + 2, close - open - 2);
        const auto value = values.find(name);
        if (value == values.end()) {
            return common::makeError("templates.missing_value",
                                     "no value for {{" + std::string(name) + "}}");
        }
        if (auto ok = checkValue(name, value->second, part); !ok) {
            return ok;
        }
        out.append(part == Part::Html ? escapeHtml(value->second) : value->second);
        pos = close + 2;
    }
}

}  // namespace

const MessageTemplate& messageTemplate(TemplateId id) {
    for (const auto& t : allTemplates()) {
        if (t.id == id) {
            return t;
        }
    }
    assert(false && "every TemplateId has a template");
    return allTemplates().front();
}

common::Result<RenderedMessage> renderMessage(TemplateId id, const TemplateValues& values) {
    const auto& t = messageTemplate(id);
    RenderedMessage out;
    out.templateId = std::string(t.name);
    if (auto ok = fill(t.subject, values, Part::Subject, out.subject); !ok) {
        return ok.error();
    }
    if (auto ok = fill(t.text, values, Part::Text, out.text); !ok) {
        return ok.error();
    }
    if (!t.html.empty()) {
        out.html.append(kHtmlHead);
        out.html.append(escapeHtml(out.subject));
        out.html.append(kHtmlBody);
        if (auto ok = fill(t.html, values, Part::Html, out.html); !ok) {
            return ok.error();
        }
        out.html.append(kHtmlTail);
    }
    return out;
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

}  // namespace vp::domain::accounts
