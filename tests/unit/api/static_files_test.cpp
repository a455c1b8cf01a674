#include "api/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace vp::api {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("vp-static-" + std::to_string(std::random_device{}()));
        fs::create_directories(root_ / "assets");
        write("index.html", "<html>app</html>");
        write("assets/app-1a2b.js", "console.log('x')");
        write("assets/app-1a2b.js.br", "BR");
        write("assets/app-1a2b.js.gz", "GZ");
        write("logo.svg", "<svg/>");
        write(".env", "SECRET=1");
    }
    void TearDown() override { fs::remove_all(root_); }

    void write(const std::string& rel, const std::string& content) {
        std::ofstream(root_ / rel, std::ios::binary) << content;
    }

    Response get(const std::string& path, std::string acceptEncoding = "",
                 std::string ifNoneMatch = "", std::string method = "GET") {
        Request r;
        r.method = std::move(method);
        r.path = path;
        if (!acceptEncoding.empty()) {
            r.headers.set("Accept-Encoding", acceptEncoding);
        }
        if (!ifNoneMatch.empty()) {
            r.headers.set("If-None-Match", ifNoneMatch);
        }
        return StaticFiles(root_).serve(r);
    }

    fs::path root_;
};

TEST_F(StaticFilesTest, ServesIndexWithNoCache) {
    auto r = get("/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "<html>app</html>");
    EXPECT_EQ(r.headers.get("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.headers.get("Cache-Control"), "no-cache");
    EXPECT_TRUE(r.headers.has("ETag"));
}

TEST_F(StaticFilesTest, SpaFallbackOnlyForExtensionlessPaths) {
    auto r = get("/meetings/123456789");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "<html>app</html>");
    EXPECT_EQ(get("/missing.js").status, 404);
}

TEST_F(StaticFilesTest, PrefersBrotliThenGzipWhenAccepted) {
    auto br = get("/assets/app-1a2b.js", "gzip, deflate, br");
    EXPECT_EQ(br.body, "BR");
    EXPECT_EQ(br.headers.get("Content-Encoding"), "br");
    EXPECT_EQ(br.headers.get("Vary"), "Accept-Encoding");
    EXPECT_EQ(br.headers.get("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(br.headers.get("Cache-Control"), "public, max-age=31536000, immutable");

    auto gz = get("/assets/app-1a2b.js", "gzip, br;q=0");
    EXPECT_EQ(gz.body, "GZ");
    EXPECT_EQ(gz.headers.get("Content-Encoding"), "gzip");

    auto plain = get("/assets/app-1a2b.js");
    EXPECT_EQ(plain.body, "console.log('x')");
    EXPECT_FALSE(plain.headers.has("Content-Encoding"));
    EXPECT_EQ(plain.headers.get("Vary"), "Accept-Encoding");
    // Each representation has its own strong ETag.
    EXPECT_NE(br.headers.get("ETag"), plain.headers.get("ETag"));
}

TEST_F(StaticFilesTest, IfNoneMatchAnswers304) {
    auto first = get("/logo.svg");
    ASSERT_EQ(first.status, 200);
    const std::string etag(*first.headers.get("ETag"));
    auto again = get("/logo.svg", "", "\"other\", " + etag);
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.headers.get("ETag"), etag);
    EXPECT_EQ(get("/logo.svg", "", "\"other\"").status, 200);
}

TEST_F(StaticFilesTest, ChangedFileGetsNewEtagAndContent) {
    auto first = get("/logo.svg");
    write("logo.svg", "<svg version='2'/>");
    auto second = get("/logo.svg");
    EXPECT_EQ(second.body, "<svg version='2'/>");
    EXPECT_NE(first.headers.get("ETag"), second.headers.get("ETag"));
}

TEST_F(StaticFilesTest, RefusesTraversalAndDotfiles) {
    EXPECT_EQ(get("/../etc/passwd").status, 400);
    EXPECT_EQ(get("/assets/%2e%2e/%2e%2e/etc/passwd").status, 400);
    EXPECT_EQ(get("/a%00b").status, 400);
    EXPECT_EQ(get("/a%zz").status, 400);
    EXPECT_EQ(get("/.env").status, 404);
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
    EXPECT_EQ(get("/logo.svg", "", "", "HEAD").status, 200);
    auto post = get("/logo.svg", "", "", "POST");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.headers.get("Allow"), "GET, HEAD");
}

TEST(StaticDecisionsTest, MimeTypes) {
    EXPECT_EQ(mimeTypeFor(".css"), "text/css; charset=utf-8");
    EXPECT_EQ(mimeTypeFor(".WOFF2"), "font/woff2");
    EXPECT_EQ(mimeTypeFor(".unknown"), "application/octet-stream");
}

TEST(StaticDecisionsTest, AcceptEncoding) {
    EXPECT_TRUE(acceptsEncoding("gzip, br", "br"));
    EXPECT_FALSE(acceptsEncoding("gzip", "br"));
    EXPECT_FALSE(acceptsEncoding("br;q=0, *", "br"));
    EXPECT_TRUE(acceptsEncoding("*", "gzip"));
    EXPECT_FALSE(acceptsEncoding("*;q=0.0", "gzip"));
    EXPECT_TRUE(acceptsEncoding("BR;q=0.5", "br"));
}

TEST(StaticDecisionsTest, SafeRelativePath) {
    EXPECT_EQ(safeRelativePath("/a/./b//c"), "a/b/c");
    EXPECT_EQ(safeRelativePath("/dir/"), "dir/");
    EXPECT_EQ(safeRelativePath("/"), "");
    EXPECT_EQ(safeRelativePath("/%61pp.js"), "app.js");
    EXPECT_EQ(safeRelativePath("/a/../b"), std::nullopt);
    EXPECT_EQ(safeRelativePath("/a\\b"), std::nullopt);
    EXPECT_EQ(safeRelativePath("relative"), std::nullopt);
    EXPECT_EQ(safeRelativePath("/a%2"), std::nullopt);
}

TEST(StaticDecisionsTest, EtagMatching) {
    EXPECT_TRUE(etagMatches("*", "\"x\""));
    EXPECT_TRUE(etagMatches("W/\"x\"", "\"x\""));
    EXPECT_FALSE(etagMatches("\"y\"", "\"x\""));
    EXPECT_NE(makeEtag(1, 2, ""), makeEtag(1, 2, "br"));
    EXPECT_NE(makeEtag(1, 2, ""), makeEtag(1, 3, ""));
}

}  // namespace
}  // namespace vp::api
