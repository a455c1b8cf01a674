#pragma once
// Serves the built web client from a directory: MIME types, strong ETags with
// If-None-Match -> 304, precompressed .br/.gz variants, SPA fallback to index.html,
// Cache-Control, HEAD. Thread-safe.
//
// File contents are cached in memory (bounded per file and in total) and
// revalidated with one stat() per request, so a rebuilt client is picked up and a
// request for a cached file never reads the disk on the network thread. Files
// larger than the per-file cache bound are read on each request; the built web
// client has none.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/request.hpp"
#include "api/response.hpp"

namespace vp::api {

struct StaticFilesOptions {
    std::size_t maxCachedFileBytes = 4u << 20;
    std::size_t maxCacheBytes = 64u << 20;
    std::size_t maxFileBytes = 256u << 20;  // larger files answer 404
};

class StaticFiles {
  public:
    explicit StaticFiles(std::filesystem::path webRoot, StaticFilesOptions options = {});

    // Answers GET/HEAD (the edge drops the body of a HEAD answer); other methods 405.
    Response serve(const Request& request) const;

    const std::filesystem::path& root() const { return root_; }

  private:
    struct CachedFile {
        std::uintmax_t size = 0;
        std::int64_t mtimeNanos = 0;
        std::shared_ptr<const std::string> content;
    };
    struct FileVariant {
        std::filesystem::path path;
        std::string encoding;  // "", "br", "gzip"
        std::uintmax_t size = 0;
        std::int64_t mtimeNanos = 0;
    };

    std::optional<FileVariant> stat(const std::filesystem::path& path, std::string encoding) const;
    std::optional<FileVariant> chooseVariant(const std::filesystem::path& file,
                                             std::string_view acceptEncoding,
                                             bool& hasVariants) const;
    std::shared_ptr<const std::string> read(const FileVariant& variant) const;

    std::filesystem::path root_;
    StaticFilesOptions options_;
    mutable std::mutex mutex_;
    mutable std::map<std::filesystem::path, CachedFile> cache_;
    mutable std::size_t cacheBytes_ = 0;
};

// --- The decisions, exposed for tests ---------------------------------------

// MIME type by extension (".js" -> "text/javascript; charset=utf-8");
// "application/octet-stream" when unknown.
std::string_view mimeTypeFor(std::string_view extension);

// Percent-decodes a URL path and checks it is safe to map under a root: returns
// the relative path ("assets/app.js"), or nullopt for "..", NUL, backslash or a
// bad escape.
std::optional<std::string> safeRelativePath(std::string_view rawPath);

// True when an Accept-Encoding header value accepts `coding` (q > 0).
bool acceptsEncoding(std::string_view acceptEncoding, std::string_view coding);

// True when If-None-Match lists `etag` (weak comparison) or is "*".
bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);

// Strong ETag for one representation: quoted hex of size, mtime and encoding.
std::string makeEtag(std::uintmax_t size, std::int64_t mtimeNanos, std::string_view encoding);

// "public, max-age=31536000, immutable" for /assets/, "no-cache" otherwise.
std::string_view cacheControlFor(std::string_view relativePath);

}  // namespace vp::api
