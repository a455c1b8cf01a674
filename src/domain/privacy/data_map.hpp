#pragma once
// The data map (R-PRIV-1): for every table and column that the service stores, a
// declaration saying whether it holds personal information and, if it does, its
// category, purpose, link to the data subject, retention and sensitivity.
// Export, erasure and retention are driven by this map; a test compares it with
// the live schema of every backend and fails on any column not declared here.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vp::domain::privacy {

// How long personal information is kept.
struct Retention {
    // Kept at least this long (a legal obligation such as R-PRIV-7's six months).
    std::chrono::days minimum{0};
    // Deleted or anonymised after this long; nullopt: for as long as the data
    // subject's account exists (erased with the account, R-PRIV-5).
    std::optional<std::chrono::days> maximum;
    // The rule in words, for the privacy documentation and export index.
    std::string rule;
};

// The subject link of data whose subject cannot be identified from the row.
inline constexpr std::string_view kNoSubjectLink = "none";

struct PersonalData {
    std::string category;  // e.g. "network operation log", "account identifier"
    std::string purpose;   // why it is processed
    // The column of the same table that identifies the data subject (possibly the
    // column itself), or kNoSubjectLink.
    std::string subjectLink;
    Retention retention;
    bool sensitive = false;  // sensitive personal information (policy §2.9)
};

struct ColumnDeclaration {
    std::string column;
    std::optional<PersonalData> personal;  // nullopt: not personal information
    std::string notPersonalReason;         // required when personal is nullopt

    bool isPersonal() const { return personal.has_value(); }
};

struct TableDeclaration {
    std::string table;
    std::string description;
    std::vector<ColumnDeclaration> columns;

    const ColumnDeclaration* column(std::string_view name) const;
};

// Builders that keep the declarations readable.
ColumnDeclaration personalColumn(std::string column, PersonalData data);
ColumnDeclaration notPersonalColumn(std::string column, std::string reason);

// A column of the live schema, or of the map.
struct ColumnInfo {
    std::string table;
    std::string column;

    friend bool operator==(const ColumnInfo&, const ColumnInfo&) = default;
    friend auto operator<=>(const ColumnInfo&, const ColumnInfo&) = default;
};

class DataMap {
  public:
    DataMap() = default;
    explicit DataMap(std::vector<TableDeclaration> tables);

    const std::vector<TableDeclaration>& tables() const { return tables_; }
    const TableDeclaration* table(std::string_view name) const;
    const ColumnDeclaration* column(std::string_view table, std::string_view column) const;

    // Every personal column of a category, in declaration order.
    std::vector<ColumnInfo> columnsInCategory(std::string_view category) const;
    // Every personal column of every table.
    std::vector<ColumnInfo> personalColumns() const;
    // The distinct categories, in first-declared order.
    std::vector<std::string> categories() const;
    // The retention of a table's rows: the longest minimum and the shortest maximum
    // of its personal columns; nullopt when the table holds no personal information
    // or is not declared.
    std::optional<Retention> retentionFor(std::string_view table) const;

  private:
    std::vector<TableDeclaration> tables_;
};

}  // namespace vp::domain::privacy
