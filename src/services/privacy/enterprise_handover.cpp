#include "services/privacy/enterprise_handover.hpp"

#include "common/log.hpp"
#include "services/privacy/subject_rows.hpp"

namespace vp::services::privacy {
namespace {

const common::Logger& log() {
    static const common::Logger logger("privacy.enterprise_handover");
    return logger;
}

}  // namespace

common::Status EnterpriseHandover::fileApproved(storage::Connection& c, std::int64_t userId,
                                                std::int64_t enterpriseId) const {
    auto subject = loadSubject(c, userId);
    if (!subject) {
        return subject.error();
    }
    const std::string contact = subject->email.value_or(subject->phone.value_or(""));
    auto filed = requests_.file(c, {userId, "cancellation", "enterprise", contact,
                                    "cancellation approved by the administrator of enterprise " +
                                        std::to_string(enterpriseId),
                                    true, "enterprise:" + std::to_string(enterpriseId)});
    return filed ? common::Status{} : common::Status{filed.error()};
}

common::Result<std::int64_t> EnterpriseHandover::runApproved(storage::Connection& c) const {
    auto open = requests_.openRequests(c);
    if (!open) {
        return open.error();
    }
    std::int64_t closed = 0;
    for (const auto& r : *open) {
        if (r.kind != "cancellation" || r.channel != "enterprise" || !r.userId) {
            continue;
        }
        auto done = cancellation_.cancel(
            c, {*r.userId, "system", "approved by the enterprise's administrator"});
        if (!done && done.error().code != "not_found") {
            log().warn("enterprise cancellation failed", {{"error", done.error().message}});
            continue;
        }
        closed += done ? 1 : 0;
        // The account's requests go with it; answer the request if it is still there.
        (void)requests_.answer(c, r.publicId, false, "The account was cancelled.", "system");
    }
    return closed;
}

}  // namespace vp::services::privacy
