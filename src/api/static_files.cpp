#include "api/static_files.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <utility>

namespace vp::api {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Calls fn(item) for each comma-separated, trimmed, non-empty item.
template <typename Fn>
void forEachListItem(std::string_view list, Fn&& fn) {
    while (!list.empty()) {
        auto comma = list.find(',');
        auto item = trim(list.substr(0, comma));
        if (!item.empty() && fn(item)) {
            return;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        list.remove_prefix(comma + 1);
    }
}

std::string lastSegment(std::string_view rel) {
    auto slash = rel.rfind('/');
    return std::string(slash == std::string_view::npos ? rel : rel.substr(slash + 1));
}

Response notFound() {
    return Response::error(404, "not_found", "No file at this path.");
}

}  // namespace

std::string_view mimeTypeFor(std::string_view extension) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".avif", "image/avif"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".wasm", "application/wasm"},
        {".mp3", "audio/mpeg"},
        {".mp4", "video/mp4"},
        {".webm", "video/webm"},
        {".gz", "application/gzip"},
    }};
    for (const auto& [ext, type] : kTypes) {
        if (equalsIgnoreCase(ext, extension)) {
            return type;
        }
    }
    return "application/octet-stream";
}

std::optional<std::string> safeRelativePath(std::string_view rawPath) {
    std::string decoded;
    decoded.reserve(rawPath.size());
    for (std::size_t i = 0; i < rawPath.size(); ++i) {
        char c = rawPath[i];
        if (c == '%') {
            if (i + 2 >= rawPath.size()) {
                return std::nullopt;
            }
            int hi = hexValue(rawPath[i + 1]);
            int lo = hexValue(rawPath[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0' || c == '\\') {
            return std::nullopt;
        }
        decoded += c;
    }
    if (decoded.empty() || decoded.front() != '/') {
        return std::nullopt;
    }
    std::string rel;
    std::string_view rest(decoded);
    rest.remove_prefix(1);
    while (true) {
        auto slash = rest.find('/');
        auto segment = rest.substr(0, slash);
        if (segment == "..") {
            return std::nullopt;
        }
        if (!segment.empty() && segment != ".") {
            if (!rel.empty()) {
                rel += '/';
            }
            rel += segment;
        }
        if (slash == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(slash + 1);
    }
    if (!decoded.empty() && decoded.back() == '/' && !rel.empty()) {
        rel += '/';
    }
    return rel;
}

bool acceptsEncoding(std::string_view acceptEncoding, std::string_view coding) {
    std::optional<bool> exact;
    std::optional<bool> wildcard;
    forEachListItem(acceptEncoding, [&](std::string_view item) {
        auto semi = item.find(';');
        auto token = trim(item.substr(0, semi));
        bool positive = true;
        if (semi != std::string_view::npos) {
            auto param = trim(item.substr(semi + 1));
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                auto q = trim(param.substr(2));
                positive = q.find_first_not_of("0.") != std::string_view::npos;
            }
        }
        if (equalsIgnoreCase(token, coding)) {
            exact = positive;
        } else if (token == "*") {
            wildcard = positive;
        }
        return false;
    });
    return exact.value_or(wildcard.value_or(false));
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag) {
    auto strip = [](std::string_view t) { return t.substr(0, 2) == "W/" ? t.substr(2) : t; };
    bool found = false;
    forEachListItem(ifNoneMatch, [&](std::string_view item) {
        found = item == "*" || strip(item) == strip(etag);
        return found;
    });
    return found;
}

std::string makeEtag(std::uintmax_t size, std::int64_t mtimeNanos, std::string_view encoding) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%jx-%llx", size, static_cast<unsigned long long>(mtimeNanos));
    std::string etag(buf);
    if (!encoding.empty()) {
        etag += '-';
        etag += encoding;
    }
    etag += '"';
    return etag;
}

std::string_view cacheControlFor(std::string_view relativePath) {
    if (relativePath.substr(0, 7) == "assets/") {
        return "public, max-age=31536000, immutable";
    }
    return "no-cache";
}

StaticFiles::StaticFiles(fs::path webRoot, StaticFilesOptions options)
    : root_(std::move(webRoot)), options_(options) {}

std::optional<StaticFiles::FileVariant> StaticFiles::stat(const fs::path& path,
                                                          std::string encoding) const {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::is_regular_file(status)) {
        return std::nullopt;
    }
    auto size = fs::file_size(path, ec);
    if (ec || size > options_.maxFileBytes) {
        return std::nullopt;
    }
    auto mtime = fs::last_write_time(path, ec);
    if (ec) {
        return std::nullopt;
    }
    auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
    return FileVariant{path, std::move(encoding), size, static_cast<std::int64_t>(nanos)};
}

std::optional<StaticFiles::FileVariant> StaticFiles::chooseVariant(const fs::path& file,
                                                                   std::string_view acceptEncoding,
                                                                   bool& hasVariants) const {
    auto identity = stat(file, "");
    if (!identity) {
        return std::nullopt;
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kCodings{{
        {"br", ".br"},
        {"gzip", ".gz"},
    }};
    std::optional<FileVariant> chosen;
    for (const auto& [coding, suffix] : kCodings) {
        fs::path candidate = file;
        candidate += suffix;
        auto variant = stat(candidate, std::string(coding));
        if (!variant) {
            continue;
        }
        hasVariants = true;
        if (!chosen && acceptsEncoding(acceptEncoding, coding)) {
            chosen = std::move(variant);
        }
    }
    return chosen ? chosen : identity;
}

std::shared_ptr<const std::string> StaticFiles::read(const FileVariant& variant) const {
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(variant.path);
        if (it != cache_.end() && it->second.size == variant.size &&
            it->second.mtimeNanos == variant.mtimeNanos) {
            return it->second.content;
        }
    }
    std::ifstream in(variant.path, std::ios::binary);
    if (!in) {
        return nullptr;
    }
    std::string content(static_cast<std::size_t>(variant.size), '\0');
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != variant.size) {
        return nullptr;  // changed while reading; the next request tries again
    }
    auto shared = std::make_shared<const std::string>(std::move(content));
    if (variant.size <= options_.maxCachedFileBytes) {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(variant.path);
        if (it != cache_.end()) {
            cacheBytes_ -= it->second.content->size();
            cache_.erase(it);
        }
        if (cacheBytes_ + shared->size() <= options_.maxCacheBytes) {
            cache_[variant.path] = CachedFile{variant.size, variant.mtimeNanos, shared};
            cacheBytes_ += shared->size();
        }
    }
    return shared;
}

Response StaticFiles::serve(const Request& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response r =
            Response::error(405, "method_not_allowed", "Static files answer GET and HEAD.");
        r.headers.set("Allow", "GET, HEAD");
        return r;
    }
    auto rel = safeRelativePath(request.path);
    if (!rel) {
        return Response::error(400, "bad_path", "The path is not a valid file path.");
    }
    if (rel->empty() || rel->back() == '/') {
        *rel += "index.html";
    }
    if (rel->front() == '.' || rel->find("/.") != std::string::npos) {
        return notFound();  // no dotfiles
    }
    const std::string_view acceptEncoding = request.header("Accept-Encoding").value_or("");
    bool hasVariants = false;
    auto variant = chooseVariant(root_ / *rel, acceptEncoding, hasVariants);
    if (!variant) {
        if (lastSegment(*rel).find('.') != std::string::npos) {
            return notFound();
        }
        *rel = "index.html";  // SPA fallback: client-side route
        hasVariants = false;
        variant = chooseVariant(root_ / *rel, acceptEncoding, hasVariants);
        if (!variant) {
            return notFound();
        }
    }
    Response r;
    const std::string etag = makeEtag(variant->size, variant->mtimeNanos, variant->encoding);
    r.headers.set("ETag", etag);
    r.headers.set("Cache-Control", std::string(cacheControlFor(*rel)));
    if (hasVariants) {
        r.headers.set("Vary", "Accept-Encoding");
    }
    if (auto inm = request.header("If-None-Match"); inm && etagMatches(*inm, etag)) {
        r.status = 304;
        return r;
    }
    auto content = read(*variant);
    if (!content) {
        return Response::error(503, "file_unavailable",
                               "The file changed while being read; retry.");
    }
    r.status = 200;
    r.headers.set("Content-Type", std::string(mimeTypeFor(fs::path(*rel).extension().string())));
    if (!variant->encoding.empty()) {
        r.headers.set("Content-Encoding", variant->encoding);
    }
    r.body = *content;
    return r;
}

}  // namespace vp::api
