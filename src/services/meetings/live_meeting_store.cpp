#include "services/meetings/live_meeting_store.hpp"

#include <memory>

#include "common/log.hpp"

namespace vp::services::meetings {
namespace {

const common::Logger& log() {
    static const common::Logger logger("meetings");
    return logger;
}

void warnIfFailed(const common::Status& status, std::string_view what) {
    if (!status) {
        log().warn(what, {{"error", status.error().message}});
    }
}

}  // namespace

PooledLiveMeetingStore::PooledLiveMeetingStore(storage::DbPool& pool, Meetings& meetings,
                                               const common::Clock& clock)
    : pool_(pool), meetings_(meetings), clock_(clock) {}

void PooledLiveMeetingStore::open(const std::string& meetingId, Opened done) {
    auto shared = std::make_shared<Opened>(std::move(done));
    enqueue(meetingId, [this, meetingId, shared, at = clock_.now()](storage::Connection& c) {
        auto record = meetings_.openLive(c, meetingId, at);
        if (!record) {
            (*shared)(record.error());
            return;
        }
        (*shared)(LiveMeetingFacts{record->meeting.subject, record->meeting.locked});
    });
}

void PooledLiveMeetingStore::stayStarted(const std::string& meetingId, const std::string& stayKey,
                                         const domain::meetings::Attendee& attendee) {
    enqueue(meetingId,
            [this, meetingId, stayKey, attendee, at = clock_.now()](storage::Connection& c) {
                auto stay = meetings_.recordJoin(c, meetingId, attendee, at);
                if (!stay) {
                    log().warn("attendance join not recorded", {{"error", stay.error().message}});
                    return;
                }
                std::lock_guard lock(mutex_);
                lanes_[meetingId].stays[stayKey] = *stay;
            });
}

void PooledLiveMeetingStore::stayEnded(const std::string& meetingId, const std::string& stayKey) {
    enqueue(meetingId, [this, meetingId, stayKey, at = clock_.now()](storage::Connection& c) {
        std::int64_t stay = 0;
        {
            std::lock_guard lock(mutex_);
            auto& stays = lanes_[meetingId].stays;
            auto it = stays.find(stayKey);
            if (it == stays.end()) {
                return;  // its join was not recorded
            }
            stay = it->second;
            stays.erase(it);
        }
        warnIfFailed(meetings_.recordExit(c, stay, at), "attendance exit not recorded");
    });
}

void PooledLiveMeetingStore::setLocked(const std::string& meetingId, bool locked) {
    enqueue(meetingId, [this, meetingId, locked](storage::Connection& c) {
        warnIfFailed(meetings_.setLocked(c, meetingId, locked), "meeting lock not stored");
    });
}

void PooledLiveMeetingStore::closed(const std::string& meetingId, bool endedByHost) {
    enqueue(meetingId, [this, meetingId, endedByHost, at = clock_.now()](storage::Connection& c) {
        warnIfFailed(endedByHost ? meetings_.meetingEnded(c, meetingId, at)
                                 : meetings_.sessionClosed(c, meetingId, at),
                     "meeting end not stored");
        std::lock_guard lock(mutex_);
        lanes_[meetingId].stays.clear();  // closed with the session
    });
}

std::size_t PooledLiveMeetingStore::lanes() const {
    std::lock_guard lock(mutex_);
    return lanes_.size();
}

void PooledLiveMeetingStore::enqueue(const std::string& meetingId, Job job) {
    std::lock_guard lock(mutex_);
    Lane& lane = lanes_[meetingId];
    lane.jobs.push_back(std::move(job));
    if (!lane.running) {
        startNextLocked(meetingId, lane);
    }
}

void PooledLiveMeetingStore::startNextLocked(const std::string& meetingId, Lane& lane) {
    while (!lane.jobs.empty()) {
        Job job = std::move(lane.jobs.front());
        lane.jobs.pop_front();
        lane.running = true;
        const bool queued = pool_.submit(
            [this, meetingId, job = std::move(job)](storage::Connection& c) {
                job(c);
                finished(meetingId);
            },
            [this, meetingId](const common::Error& error) {
                log().warn("meeting record skipped: database unavailable",
                           {{"error", error.message}});
                finished(meetingId);
            });
        if (queued) {
            return;
        }
        lane.running = false;
        log().warn("meeting record skipped: the database queue is full");
    }
    if (lane.stays.empty()) {
        lanes_.erase(meetingId);
    }
}

void PooledLiveMeetingStore::finished(const std::string& meetingId) {
    std::lock_guard lock(mutex_);
    auto it = lanes_.find(meetingId);
    if (it == lanes_.end()) {
        return;
    }
    it->second.running = false;
    startNextLocked(meetingId, it->second);
}

}  // namespace vp::services::meetings
