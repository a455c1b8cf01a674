// The subcommands and configuration errors, as an operator meets them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/process.hpp"

namespace vp::app::testing {
namespace {

TEST(VideoproCli, VersionPrintsTheVersion) {
    Process p({"version"});
    EXPECT_EQ(p.wait(), 0);
    EXPECT_EQ(p.stdoutText().rfind("videopro ", 0), 0u) << p.stdoutText();
}

TEST(VideoproCli, UnknownCommandExplainsUsage) {
    Process p({"dance"});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.stderrText().find("unknown command 'dance'"), std::string::npos);
    EXPECT_NE(p.stderrText().find("serve"), std::string::npos);
}

TEST(VideoproCli, ServeHelpDocumentsEveryOptionWithItsDefault) {
    Process p({"serve", "--help"});
    EXPECT_EQ(p.wait(), 0);
    const std::string help = p.stdoutText();
    for (const char* needle : {"--http-port VALUE", "default: 8080", "--database VALUE",
                               "--data-dir VALUE", "default: var", "--self-signed",
                               "--media-port VALUE", "default: 40000", "VIDEOPRO_HTTP_PORT"}) {
        EXPECT_NE(help.find(needle), std::string::npos) << needle;
    }
}

TEST(VideoproCli, UnknownConfigKeyStopsStartUpNamingKeyAndFile) {
    TempDir dir;
    const std::string file = dir.path + "/videopro.toml";
    std::ofstream(file) << "[http]\nport = 0\nlisten = \"x\"\n";
    Process p({"serve", "--config", file, "--data-dir", dir.path});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.stderrText().find("'http.listen'"), std::string::npos) << p.stderrText();
    EXPECT_NE(p.stderrText().find(file), std::string::npos) << p.stderrText();
}

TEST(VideoproCli, WrongTypeInEnvironmentStopsStartUp) {
    TempDir dir;
    Process p({"serve", "--data-dir", dir.path}, {"VIDEOPRO_HTTP_PORT=eighty"});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.stderrText().find("VIDEOPRO_HTTP_PORT"), std::string::npos) << p.stderrText();
}

TEST(VideoproCli, UnreadableConfigFileIsNamed) {
    Process p({"serve", "--config", "/nonexistent/videopro.toml"});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.stderrText().find("/nonexistent/videopro.toml"), std::string::npos);
}

TEST(VideoproCli, MigrateCreatesTheSqliteDatabaseAndIsIdempotent) {
    TempDir dir;
    Process first({"migrate", "--data-dir", dir.path});
    ASSERT_EQ(first.wait(), 0) << first.stderrText();
    EXPECT_TRUE(std::filesystem::exists(dir.path + "/videopro.db"));
    EXPECT_NE(first.stdoutText().find("schema version"), std::string::npos);
    Process second({"migrate", "--data-dir", dir.path});
    ASSERT_EQ(second.wait(), 0) << second.stderrText();
    EXPECT_EQ(first.stdoutText(), second.stdoutText());
}

TEST(VideoproCli, UnreachableDatabaseStopsStartUpWithAClearMessage) {
    TempDir dir;
    // Port 1 on loopback: nothing listens there.
    Process p({"serve", "--data-dir", dir.path, "--http-port", "0", "--database",
               "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"});
    EXPECT_EQ(p.wait(), 1);
    EXPECT_FALSE(p.stderrText().empty());
    EXPECT_EQ(p.stderrText().find("Segmentation"), std::string::npos);
}

}  // namespace
}  // namespace vp::app::testing
