#include "app/config/config_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace vp::app::config {
namespace {

namespace fs = std::filesystem;

class ConfigLoaderTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ =
            fs::temp_directory_path() /
            ("vp-config-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string writeFile(const std::string& name, const std::string& content) {
        const fs::path p = dir_ / name;
        std::ofstream(p) << content;
        return p.string();
    }

    common::Result<LoadOutcome> load(std::vector<std::string> args, Environment env = {}) {
        return loadSettings(args, env);
    }

    fs::path dir_;
};

TEST_F(ConfigLoaderTest, EmbeddedDefaultsAreSqliteUnderVarAndLocalhost8080) {
    auto r = load({});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->settings.httpHost, "127.0.0.1");
    EXPECT_EQ(r->settings.httpPort, 8080);
    EXPECT_EQ(r->settings.mediaPort, 40000);
    EXPECT_EQ(r->settings.effectiveDatabaseUrl(), "sqlite:var/videopro.db");
}

TEST_F(ConfigLoaderTest, FlagsBeatEnvironmentWhichBeatsFile) {
    const std::string file =
        writeFile("a.toml", "[http]\nport = 9000\nhost = \"0.0.0.0\"\n[log]\nlevel = \"warn\"\n");
    Environment env;
    env.vars["VIDEOPRO_HTTP_PORT"] = "9100";
    env.vars["VIDEOPRO_LOG_LEVEL"] = "debug";
    auto r = load({"--config", file, "--http-port", "9200"}, env);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->settings.httpPort, 9200);       // flag
    EXPECT_EQ(r->settings.logLevel, "debug");    // env over file
    EXPECT_EQ(r->settings.httpHost, "0.0.0.0");  // file over default
    EXPECT_EQ(r->settings.configFile, file);
}

TEST_F(ConfigLoaderTest, UnknownKeyNamesKeyAndFile) {
    const std::string file = writeFile("b.toml", "[http]\nprot = 9000\n");
    auto r = load({"--config", file});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_unknown_key");
    EXPECT_NE(r.error().message.find("'http.prot'"), std::string::npos);
    EXPECT_NE(r.error().message.find(file), std::string::npos);
}

TEST_F(ConfigLoaderTest, WrongTypeNamesKeyFileAndExpectedType) {
    const std::string file = writeFile("c.toml", "[http]\nport = \"eighty\"\n");
    auto r = load({"--config", file});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_type");
    EXPECT_NE(r.error().message.find("'http.port'"), std::string::npos);
    EXPECT_NE(r.error().message.find(file), std::string::npos);
    EXPECT_NE(r.error().message.find("integer"), std::string::npos);
}

TEST_F(ConfigLoaderTest, OutOfRangeIsRefused) {
    auto r = load({"--http-port", "70000"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_range");
    EXPECT_NE(r.error().message.find("--http-port"), std::string::npos);
}

TEST_F(ConfigLoaderTest, OperationLogRetentionCannotGoBelowSixMonths) {
    auto r = load({"--oplog-retention-days=30"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_range");
}

TEST_F(ConfigLoaderTest, UnreadableFileNamesTheFile) {
    const std::string missing = (dir_ / "missing.toml").string();
    auto r = load({"--config=" + missing});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_unreadable");
    EXPECT_NE(r.error().message.find(missing), std::string::npos);
}

TEST_F(ConfigLoaderTest, SyntaxErrorGivesFileAndLine) {
    const std::string file = writeFile("d.toml", "[http]\nport = = 1\n");
    auto r = load({"--config", file});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "config_syntax");
    EXPECT_NE(r.error().message.find(file + ":2:"), std::string::npos) << r.error().message;
}

TEST_F(ConfigLoaderTest, BadEnvironmentValueNamesTheVariable) {
    Environment env;
    env.vars["VIDEOPRO_SELF_SIGNED"] = "maybe";
    auto r = load({}, env);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("VIDEOPRO_SELF_SIGNED"), std::string::npos);
}

TEST_F(ConfigLoaderTest, UnknownFlagAndMissingValueAreErrors) {
    EXPECT_EQ(load({"--no-such-flag"}).error().code, "config_unknown_flag");
    EXPECT_EQ(load({"--http-port"}).error().code, "config_flag");
}

TEST_F(ConfigLoaderTest, BooleanFlagAloneMeansTrue) {
    auto r = load({"--self-signed"});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->settings.selfSigned);
}

TEST_F(ConfigLoaderTest, CertificateNeedsKey) {
    auto r = load({"--tls-cert", "/tmp/cert.pem"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("tls.key_file"), std::string::npos);
}

TEST_F(ConfigLoaderTest, InvalidLogLevelIsRefused) {
    EXPECT_FALSE(load({"--log-level", "loud"}).ok());
}

TEST_F(ConfigLoaderTest, CharactersTheTomlReaderMishandlesAreRefusedWithTheirLine) {
    // Found by fuzz_config: U+FEBF, U+035A and U+FEC0 sent toml++ 3.3 into undefined
    // behaviour, even after a value ("10'" followed by U+FEC0).
    for (const std::string& bad : {std::string("[limits]\nmax_\xEF\xBA\xBF"
                                               "bytes = 1\n"),
                                   std::string("[limits]\n[lim\xCD\x9AV\"\n"),
                                   std::string("[limits]\nmax_body_bytes = 10'\xEF\xBB\x80\n")}) {
        const std::string file = writeFile("e.toml", bad);
        auto r = load({"--config", file});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "config_syntax");
        EXPECT_NE(r.error().message.find(file + ":2:"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("\\u"), std::string::npos) << r.error().message;
    }
}

TEST_F(ConfigLoaderTest, OtherUnicodeAndEscapesInStringsAreAccepted) {
    const std::string file = writeFile("f.toml",
                                       "# \xE4\xBC\x9A\xE8\xAE\xAE comment\n[http]\n"
                                       "web_root = \"/srv/\xE4\xBC\x9A\xE8\xAE\xAE\"\n"
                                       "[process]\nready_file = \"/tmp/vid\\u00E9o\"\n");
    auto r = load({"--config", file});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->settings.webRoot, "/srv/\xE4\xBC\x9A\xE8\xAE\xAE");
    EXPECT_EQ(r->settings.readyFile,
              "/tmp/vid\xC3\xA9"
              "o");
}

TEST(ConfigHelp, DocumentsEveryOptionWithDefaultEnvAndKey) {
    const std::string help = renderHelp("serve", "Run the service.");
    for (const char* needle :
         {"--http-port VALUE", "default: 8080", "VIDEOPRO_HTTP_PORT", "key http.port",
          "--database VALUE", "--self-signed", "default: 183", "--config FILE"}) {
        EXPECT_NE(help.find(needle), std::string::npos) << needle;
    }
}

}  // namespace
}  // namespace vp::app::config
