#include "services/outbox/dev_outbox_reader.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace vp::services::outbox {
namespace {

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '+' ? 62 : (c == '/' ? 63 : -1);
}

// Standard base64; white space is skipped, decoding stops at '=' or a foreign byte.
std::string decodeBase64(std::string_view in) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
        if (c == ' ' || c == '\r' || c == '\n' || c == '\t') {
            continue;
        }
        const int v = base64Value(c);
        if (v < 0) {
            break;
        }
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

// "=?UTF-8?B?...?=" words (as encodeHeaderText writes them) decoded; else as is.
std::string decodeHeader(std::string_view value) {
    if (!value.starts_with("=?UTF-8?B?")) {
        return std::string(value);
    }
    std::string out;
    std::size_t pos = 0;
    while ((pos = value.find("=?UTF-8?B?", pos)) != std::string_view::npos) {
        const auto start = pos + 10;
        const auto end = value.find("?=", start);
        if (end == std::string_view::npos) {
            break;
        }
        out += decodeBase64(value.substr(start, end - start));
        pos = end + 2;
    }
    return out;
}

// The value of header `name` among the lines before the first empty line, with
// folded continuation lines joined.
std::string header(std::string_view head, std::string_view name) {
    std::size_t pos = 0;
    while (pos < head.size()) {
        auto end = head.find('\n', pos);
        if (end == std::string_view::npos) {
            end = head.size();
        }
        auto line = head.substr(pos, end - pos);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':') {
            std::string value(line.substr(name.size() + 1));
            for (auto next = end + 1;
                 next < head.size() && (head[next] == ' ' || head[next] == '\t');) {
                auto nextEnd = head.find('\n', next);
                nextEnd = nextEnd == std::string_view::npos ? head.size() : nextEnd;
                auto folded = head.substr(next, nextEnd - next);
                if (folded.ends_with('\r')) {
                    folded.remove_suffix(1);
                }
                value.append(folded);
                next = nextEnd + 1;
            }
            const auto first = value.find_first_not_of(" \t");
            return first == std::string::npos ? std::string{} : value.substr(first);
        }
        pos = end + 1;
    }
    return {};
}

std::string plainTextOfMime(std::string_view mail) {
    const auto part = mail.find("Content-Type: text/plain");
    if (part == std::string_view::npos) {
        return {};
    }
    const auto start = mail.find("\r\n\r\n", part);
    if (start == std::string_view::npos) {
        return {};
    }
    auto end = mail.find("\r\n--", start);
    end = end == std::string_view::npos ? mail.size() : end;
    return decodeBase64(mail.substr(start + 4, end - start - 4));
}

bool alphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Six digits standing alone (not inside a longer number or a hex token of a link).
std::optional<std::string> firstCode(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] < '0' || text[i] > '9') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
            ++j;
        }
        const bool alone =
            (i == 0 || !alphanumeric(text[i - 1])) && (j == text.size() || !alphanumeric(text[j]));
        if (j - i == 6 && alone) {
            return std::string(text.substr(i, 6));
        }
        i = j;
    }
    return std::nullopt;
}

std::int64_t createdMillis(const std::string& name) {
    std::int64_t ms = 0;
    std::from_chars(name.data(), name.data() + name.size(), ms);
    return ms;
}

}  // namespace

DevOutboxEntry parseDevOutboxFile(const std::string& name, std::string_view contents) {
    DevOutboxEntry e;
    e.file = name;
    e.createdAtMillis = createdMillis(name);
    const bool email = name.ends_with(".eml");
    e.channel = email ? "email" : "sms";
    auto headEnd = contents.find(email ? "\r\n\r\n" : "\n\n");
    const auto head =
        contents.substr(0, headEnd == std::string_view::npos ? contents.size() : headEnd);
    e.to = header(head, "To");
    if (e.to.size() > 2 && e.to.front() == '<' && e.to.back() == '>') {
        e.to = e.to.substr(1, e.to.size() - 2);
    }
    e.date = header(head, "Date");
    if (email) {
        e.subject = decodeHeader(header(head, "Subject"));
        e.text = plainTextOfMime(contents);
    } else if (headEnd != std::string_view::npos) {
        e.text = std::string(contents.substr(headEnd + 2));
    }
    e.code = firstCode(e.text);
    return e;
}

common::Result<std::vector<DevOutboxEntry>> listDevOutbox(const std::filesystem::path& folder,
                                                          std::size_t limit) {
    limit = std::min(limit, kMaxDevOutboxEntries);
    std::vector<std::pair<std::int64_t, std::string>> newest;  // a min-heap of `limit`
    const auto later = [](const auto& a, const auto& b) { return a > b; };
    std::error_code ec;
    std::filesystem::directory_iterator it(folder, ec);
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory) {
            return std::vector<DevOutboxEntry>{};
        }
        return common::makeError("outbox.unreadable",
                                 "cannot read the outbox folder: " + ec.message());
    }
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec) {
            break;
        }
        const auto name = it->path().filename().string();
        if (!name.ends_with(".eml") && !name.ends_with(".txt")) {
            continue;
        }
        newest.emplace_back(createdMillis(name), name);
        std::push_heap(newest.begin(), newest.end(), later);
        if (newest.size() > limit) {
            std::pop_heap(newest.begin(), newest.end(), later);
            newest.pop_back();
        }
    }
    std::sort(newest.begin(), newest.end(), later);
    std::vector<DevOutboxEntry> out;
    for (const auto& [ms, name] : newest) {
        std::ifstream in(folder / name, std::ios::binary);
        std::string contents(kMaxDevOutboxFileBytes, '\0');
        in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
        contents.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
        out.push_back(parseDevOutboxFile(name, contents));
    }
    return out;
}

}  // namespace vp::services::outbox
