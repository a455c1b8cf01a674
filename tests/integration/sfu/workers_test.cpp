// Workers: N threads with a socket each, least-loaded assignment, port ranges.
#include "sfu/worker/workers.hpp"

#include <gtest/gtest.h>

#include <future>
#include <set>

namespace vp::sfu::worker {
namespace {

WorkersOptions loopbackWorkers(std::size_t count) {
    WorkersOptions options;
    options.count = count;
    options.worker.socket.host = "127.0.0.1";
    return options;
}

TEST(Workers, EachWorkerHasItsOwnThreadAndSocket) {
    auto workers = Workers::start(loopbackWorkers(3), common::SystemClock::instance());
    ASSERT_TRUE(workers.ok()) << workers.error().message;
    ASSERT_EQ(workers->size(), 3u);
    std::set<std::uint16_t> ports;
    std::set<std::thread::id> threads;
    for (std::size_t i = 0; i < workers->size(); ++i) {
        Worker& w = workers->at(i);
        EXPECT_EQ(w.index(), i);
        ports.insert(w.localAddress().port());
        std::promise<std::thread::id> id;
        ASSERT_TRUE(w.post([&id] { id.set_value(std::this_thread::get_id()); }));
        threads.insert(id.get_future().get());
    }
    EXPECT_EQ(ports.size(), 3u);
    EXPECT_EQ(threads.size(), 3u);
    EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);
    workers->stop();
}

TEST(Workers, DefaultCountIsOnePerCore) {
    auto workers = Workers::start(loopbackWorkers(0), common::SystemClock::instance());
    ASSERT_TRUE(workers.ok());
    EXPECT_EQ(workers->size(), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(Workers, LeastLoadedSpreadsAssignments) {
    auto workers = Workers::start(loopbackWorkers(2), common::SystemClock::instance());
    ASSERT_TRUE(workers.ok());
    for (int i = 0; i < 6; ++i) {
        workers->leastLoaded().addLoad(1);
    }
    EXPECT_EQ(workers->at(0).load(), 3);
    EXPECT_EQ(workers->at(1).load(), 3);
    workers->at(0).addLoad(-3);
    EXPECT_EQ(&workers->leastLoaded(), &workers->at(0));
}

TEST(Workers, BasePortClashAndPortOverflowAreErrors) {
    auto probe = Workers::start(loopbackWorkers(1), common::SystemClock::instance());
    ASSERT_TRUE(probe.ok());
    const std::uint16_t taken = probe->at(0).localAddress().port();

    WorkersOptions clash = loopbackWorkers(2);
    clash.basePort = static_cast<std::uint16_t>(taken - 1);
    auto failed = Workers::start(clash, common::SystemClock::instance());
    // Worker 1 would need the taken port (unless taken-1 happened to be busy too).
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "net.bind_failed");

    WorkersOptions tooHigh = loopbackWorkers(2);
    tooHigh.basePort = 65535;
    EXPECT_EQ(Workers::start(tooHigh, common::SystemClock::instance()).error().code,
              "worker.bad_port_range");
}

}  // namespace
}  // namespace vp::sfu::worker
