#pragma once
// LiveMeetingStore: what the meeting runtime (rooms/) records about a live
// meeting — the meeting it opens (subject, lock, attendance session), one stay per
// join or admission, the lock, and how the room closed. Every call returns at
// once; the database work runs on the DbPool, in call order per meeting, never on
// a network or media thread. PooledLiveMeetingStore is the production store.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/meetings/attendance.hpp"
#include "services/meetings/meetings.hpp"
#include "storage/db_pool.hpp"

namespace vp::services::meetings {

struct LiveMeetingFacts {
    std::string subject;
    bool locked = false;
};

class LiveMeetingStore {
  public:
    using Opened = std::function<void(common::Result<LiveMeetingFacts>)>;

    virtual ~LiveMeetingStore() = default;
    // Loads a meeting that is joinable now and starts its attendance session. Errors:
    // meeting_not_found, meeting_cancelled, meeting_ended, storage errors. `done`
    // runs once, on any thread.
    virtual void open(const std::string& meetingId, Opened done) = 0;
    // A stay starts (join or admission) and ends (leave, removal, drop); `stayKey`
    // names it within the meeting.
    virtual void stayStarted(const std::string& meetingId, const std::string& stayKey,
                             const domain::meetings::Attendee& attendee) = 0;
    virtual void stayEnded(const std::string& meetingId, const std::string& stayKey) = 0;
    virtual void setLocked(const std::string& meetingId, bool locked) = 0;
    // The room closed: ended by the host (the meeting is over, every stay closed) or
    // empty past its timeout (the session closed, the meeting still joinable).
    virtual void closed(const std::string& meetingId, bool endedByHost) = 0;
};

class PooledLiveMeetingStore final : public LiveMeetingStore {
  public:
    // References must outlive the store; stop the pool's users before the pool.
    // Each record carries the time of its call (`clock`), not of its database job.
    PooledLiveMeetingStore(storage::DbPool& pool, Meetings& meetings, const common::Clock& clock);

    void open(const std::string& meetingId, Opened done) override;
    void stayStarted(const std::string& meetingId, const std::string& stayKey,
                     const domain::meetings::Attendee& attendee) override;
    void stayEnded(const std::string& meetingId, const std::string& stayKey) override;
    void setLocked(const std::string& meetingId, bool locked) override;
    void closed(const std::string& meetingId, bool endedByHost) override;

    // Meetings with queued or running work, or open stays (tests).
    std::size_t lanes() const;

  private:
    using Job = std::function<void(storage::Connection&)>;
    // One meeting's work: one job at a time, in order; its open stays.
    struct Lane {
        std::deque<Job> jobs;
        bool running = false;
        std::map<std::string, std::int64_t> stays;  // stay key -> attendance row
    };

    void enqueue(const std::string& meetingId, Job job);
    // Starts the lane's next job; called with mutex_ held.
    void startNextLocked(const std::string& meetingId, Lane& lane);
    void finished(const std::string& meetingId);

    storage::DbPool& pool_;
    Meetings& meetings_;
    const common::Clock& clock_;
    mutable std::mutex mutex_;
    std::map<std::string, Lane> lanes_;
};

}  // namespace vp::services::meetings
