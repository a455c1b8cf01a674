// The in-memory ZIP writer: what it writes reads back with minizip's unzip, and it
// refuses to grow past its bound.
#include "services/privacy/zip_writer.hpp"

#include <gtest/gtest.h>
#include <unzip.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace vp::services::privacy {
namespace {

std::string readBack(const std::string& bytes, const char* name) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("vp-zip-test-" + std::to_string(::getpid()) + ".zip");
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    unzFile zip = unzOpen64(path.c_str());
    std::string content;
    if (zip != nullptr && unzLocateFile(zip, name, 1) == UNZ_OK) {
        unz_file_info64 info{};
        unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0);
        content.resize(info.uncompressed_size);
        unzOpenCurrentFile(zip);
        unzReadCurrentFile(zip, content.data(), static_cast<unsigned>(content.size()));
        unzCloseCurrentFile(zip);
    }
    if (zip != nullptr) {
        unzClose(zip);
    }
    std::filesystem::remove(path);
    return content;
}

TEST(ZipWriterTest, FilesReadBackUnchanged) {
    ZipWriter zip(1 << 20);
    const std::string big(200000, 'a');
    ASSERT_TRUE(zip.add("index.html", "<h1>Your data</h1>"));
    ASSERT_TRUE(zip.add("contact-data.json", big));
    auto bytes = zip.finish();
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->substr(0, 2), "PK");
    EXPECT_LT(bytes->size(), big.size() / 10);  // deflated
    EXPECT_EQ(readBack(*bytes, "index.html"), "<h1>Your data</h1>");
    EXPECT_EQ(readBack(*bytes, "contact-data.json"), big);
}

TEST(ZipWriterTest, RefusesToGrowPastItsBound) {
    ZipWriter zip(4096);
    std::mt19937 random(42);  // incompressible bytes
    std::string noise;
    for (int i = 0; i < 20000; ++i) {
        noise += static_cast<char>(random() & 0xFF);
    }
    auto added = zip.add("noise.bin", noise);
    auto finished = zip.finish();
    EXPECT_TRUE(!added || !finished);
    EXPECT_EQ((!added ? added.error() : finished.error()).code, "export_too_large");
}

}  // namespace
}  // namespace vp::services::privacy
