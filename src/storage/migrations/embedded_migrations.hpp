#pragma once
// The migration files of src/storage/migrations/{sqlite,postgres}/, compiled into the
// binary by CMake (embed_migrations.cmake) so that `videopro migrate` needs no files.
#include <span>
#include <string_view>

namespace vp::storage::migrations {

struct EmbeddedMigrationFile {
    std::string_view dialect;   // "sqlite" or "postgres": the folder it came from
    std::string_view fileName;  // "0001_network_operation_log.sql"
    std::string_view sql;
};

std::span<const EmbeddedMigrationFile> embeddedMigrationFiles();

}  // namespace vp::storage::migrations
