#include "api/v1/privacy_register_json.hpp"

#include "api/v1/json_body.hpp"

namespace vp::api::v1 {

boost::json::array stringsJson(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items) {
        out.emplace_back(item);
    }
    return out;
}

boost::json::object recipientJson(const domain::privacy::Recipient& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"contact", r.contact},
            {"purpose", r.purpose},
            {"categories", stringsJson(r.categories)},
            {"legalBasis", r.legalBasis},
            {"addedAt", isoTime(r.addedAt)}};
}

boost::json::object incidentJson(const domain::privacy::Incident& i) {
    return {{"id", i.id},
            {"summary", i.summary},
            {"categories", stringsJson(i.categories)},
            {"startedAt", isoTime(i.startedAt)},
            {"endedAt", isoTime(i.endedAt)},
            {"measures", i.measures},
            {"advice", i.advice},
            {"recordedAt", isoTime(i.recordedAt)},
            {"notified", i.notified}};
}

}  // namespace vp::api::v1
