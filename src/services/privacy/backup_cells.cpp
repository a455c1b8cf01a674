#include "services/privacy/backup_cells.hpp"

#include <sodium.h>

#include <boost/json.hpp>

namespace vp::services::privacy {
namespace {

common::Error badCell() {
    return {"backup.corrupt", "the backup holds a cell no backup writes"};
}

}  // namespace

std::string toBase64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> fromBase64(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

boost::json::value cellToJson(const storage::SqlValue& value) {
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return boost::json::string(*s);
    }
    if (const auto* b = std::get_if<storage::Blob>(&value)) {
        const std::string_view raw(reinterpret_cast<const char*>(b->data()), b->size());
        return boost::json::object{{"b", toBase64(raw)}};
    }
    return nullptr;
}

common::Result<storage::SqlValue> cellFromJson(const boost::json::value& json) {
    switch (json.kind()) {
        case boost::json::kind::null:
            return storage::SqlValue{};
        case boost::json::kind::int64:
            return storage::SqlValue{json.get_int64()};
        case boost::json::kind::uint64:
            return storage::SqlValue{static_cast<std::int64_t>(json.get_uint64())};
        case boost::json::kind::double_:
            return storage::SqlValue{json.get_double()};
        case boost::json::kind::string:
            return storage::SqlValue{std::string(json.get_string())};
        case boost::json::kind::object: {
            const auto& o = json.get_object();
            const auto* b = o.if_contains("b");
            if (o.size() != 1 || b == nullptr || !b->is_string()) {
                return badCell();
            }
            auto raw = fromBase64(b->get_string());
            if (!raw) {
                return badCell();
            }
            return storage::SqlValue{storage::Blob(raw->begin(), raw->end())};
        }
        default:
            return badCell();
    }
}

boost::json::value sealCell(const storage::SqlValue& value, std::int64_t owner,
                            const AccountKey& key, std::string_view context,
                            const std::optional<std::string>& pseudonym) {
    const std::string plain = boost::json::serialize(cellToJson(value));
    boost::json::object cell{{"k", owner},
                             {"s", toBase64(sealWithAccountKey(key, context, plain))}};
    if (pseudonym) {
        cell["p"] = *pseudonym;
    }
    return cell;
}

std::optional<SealedCell> asSealedCell(const boost::json::value& json) {
    const auto* o = json.if_object();
    if (o == nullptr) {
        return std::nullopt;
    }
    const auto* k = o->if_contains("k");
    const auto* s = o->if_contains("s");
    const auto* p = o->if_contains("p");
    if (k == nullptr || !k->is_int64() || s == nullptr || !s->is_string() ||
        (p != nullptr && !p->is_string())) {
        return std::nullopt;
    }
    auto sealed = fromBase64(s->get_string());
    if (!sealed) {
        return std::nullopt;
    }
    SealedCell cell{k->get_int64(), std::move(*sealed), std::nullopt};
    if (p != nullptr) {
        cell.pseudonym = std::string(p->get_string());
    }
    return cell;
}

common::Result<storage::SqlValue> openCell(const SealedCell& cell, const AccountKey& key,
                                           std::string_view context) {
    auto plain = openWithAccountKey(key, context, cell.sealed);
    if (!plain) {
        return plain.error();
    }
    boost::system::error_code ec;
    auto json = boost::json::parse(*plain, ec);
    if (ec) {
        return badCell();
    }
    return cellFromJson(json);
}

}  // namespace vp::services::privacy
