#include "test_database.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/random.hpp"

namespace vp::storage::testing {
namespace {

// Where the fixture left the server's URL: $VP_POSTGRES_URL_FILE, else the path the
// build configured.
common::Result<std::string> fixtureUrl() {
    const char* fromEnv = std::getenv("VP_POSTGRES_URL_FILE");
    const std::string path = fromEnv != nullptr ? fromEnv : VP_POSTGRES_URL_FILE;
    std::ifstream in(path);
    std::string url;
    if (!in || !std::getline(in, url) || url.empty()) {
        return common::makeError(
            "test.no_postgres",
            "no PostgreSQL URL in " + path +
                ": the ctest fixture postgres_start did not run or failed. Run the tests "
                "through ctest (it starts a private server with "
                "tests/support/postgres_fixture.sh), and install Debian's 'postgresql' "
                "package if postgres_start says its binaries are missing");
    }
    return url;
}

common::Status runAdmin(const std::string& adminUrl, const std::string& sql) {
    auto admin = Database::open(adminUrl);
    if (!admin) {
        return admin.error();
    }
    auto connection = (*admin)->connect();
    if (!connection) {
        return connection.error();
    }
    return (*connection)->execute(sql);
}

}  // namespace

common::Result<std::unique_ptr<TestDatabase>> TestDatabase::create(Dialect dialect) {
    std::unique_ptr<TestDatabase> t(new TestDatabase());
    t->dialect_ = dialect;
    const std::string token = common::SecureRandom::instance().hexToken(6);
    if (dialect == Dialect::Sqlite) {
        const auto dir = std::filesystem::temp_directory_path() / ("vp-storage-test-" + token);
        std::filesystem::create_directories(dir);
        t->tempDir_ = dir.string();
        t->sqlitePath_ = (dir / "videopro.db").string();
        t->url_ = "sqlite:" + t->sqlitePath_;
    } else {
        auto admin = fixtureUrl();
        if (!admin) {
            return admin.error();
        }
        t->adminUrl_ = *admin;
        t->schema_ = "test_" + token;
        if (auto made = runAdmin(t->adminUrl_, "CREATE SCHEMA " + t->schema_); !made) {
            return made.error();
        }
        const char separator = t->adminUrl_.find('?') == std::string::npos ? '?' : '&';
        t->url_ = t->adminUrl_ + separator + "options=-csearch_path%3D" + t->schema_;
    }
    auto db = Database::open(t->url_);
    if (!db) {
        return db.error();
    }
    t->database_ = std::move(*db);
    return t;
}

TestDatabase::~TestDatabase() {
    database_.reset();
    if (!tempDir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(tempDir_, ignored);
    }
    if (!schema_.empty()) {
        (void)runAdmin(adminUrl_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
}

void BackendTest::SetUp() {
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
}

std::unique_ptr<Connection> BackendTest::connect() {
    auto c = database().connect();
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? std::move(*c) : nullptr;
}

std::unique_ptr<Connection> BackendTest::migratedConnection() {
    auto migrated = database().migrate();
    EXPECT_TRUE(migrated.ok()) << migrated.error().message;
    return connect();
}

std::string backendName(const ::testing::TestParamInfo<Dialect>& info) {
    return std::string(toString(info.param));
}

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace vp::storage::testing
