#include "api/v1/privacy_request_json.hpp"

#include "api/v1/json_body.hpp"

namespace vp::api::v1 {
namespace {

boost::json::value textOrNull(const std::optional<std::string>& text) {
    return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object requestJson(const services::privacy::PrivacyRequest& r) {
    boost::json::object o{{"id", r.publicId},
                          {"kind", r.kind},
                          {"channel", r.channel},
                          {"details", r.details},
                          {"identityVerified", r.identityVerified},
                          {"status", r.status},
                          {"receivedAt", isoTime(r.receivedAt)},
                          {"dueAt", isoTime(r.dueAt)}};
    o["answer"] = textOrNull(r.answer);
    o["answeredAt"] = r.answeredAt ? boost::json::value(isoTime(*r.answeredAt)) : nullptr;
    boost::system::error_code ec;
    auto history = boost::json::parse(r.historyJson, ec);
    o["history"] = ec ? boost::json::value(boost::json::array{}) : std::move(history);
    o["category"] = textOrNull(r.eraseCategory);
    o["ground"] = textOrNull(r.eraseGround);
    return o;
}

boost::json::object operatorRequestJson(const services::privacy::PrivacyRequest& r,
                                        std::chrono::system_clock::time_point now) {
    auto o = requestJson(r);
    o["userId"] = r.userId ? boost::json::value(*r.userId) : boost::json::value(nullptr);
    o["requesterContact"] = r.requesterContact;
    o["overdue"] = r.open() && r.dueAt <= now;
    return o;
}

}  // namespace vp::api::v1
