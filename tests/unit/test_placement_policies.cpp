// Placement policies on hand-built world views: no engine involved.
#include <catch2/catch.hpp>
#include <map>
#include <memory>

#include "../support/fake_world.hpp"
#include "../support/make_policy.hpp"
#include "meridian/core/rng.hpp"
#include "meridian/policy/registry.hpp"

using namespace meridian;
using meridian::testing::FakeWorld;
using meridian::testing::gpu_task;
using meridian::testing::make_policy;

namespace {
const std::vector<RegionIndex> kAll{0, 1, 2};
}  // namespace

TEST_CASE("origin keeps a task home, or sends it to the nearest allowed region", "[policy]") {
  FakeWorld world(3);
  world.latency_ = {{0, 0.05, 0.02}, {0.05, 0, 0.03}, {0.02, 0.03, 0}};
  auto policy = make_policy(PolicyFamily::Scheduler, "origin");
  CHECK(policy->choose(gpu_task(1), kAll, world) == 1);
  const std::vector<RegionIndex> without_origin{1, 2};
  CHECK(policy->choose(gpu_task(0), without_origin, world) == 2);
}

TEST_CASE("round-robin cycles through regions and skips those not allowed", "[policy]") {
  FakeWorld world(3);
  auto policy = make_policy(PolicyFamily::Scheduler, "round-robin");
  std::vector<RegionIndex> picks;
  for (int i = 0; i < 4; ++i) picks.push_back(policy->choose(gpu_task(0), kAll, world));
  CHECK(picks == std::vector<RegionIndex>{0, 1, 2, 0});
  const std::vector<RegionIndex> two{0, 2};
  CHECK(policy->choose(gpu_task(0), two, world) == 2);  // cursor at 1: next allowed is 2
  CHECK(policy->choose(gpu_task(0), two, world) == 0);
}

TEST_CASE("random spreads uniformly over the allowed regions", "[policy][lb]") {
  FakeWorld world(3);
  auto policy = make_policy(PolicyFamily::LoadBalancer, "random");
  std::map<RegionIndex, int> counts;
  for (int i = 0; i < 30000; ++i) ++counts[policy->choose(gpu_task(0), kAll, world)];
  for (RegionIndex r = 0; r < 3; ++r) CHECK(counts[r] == Approx(10000).margin(5 * std::sqrt(30000 * 2.0 / 9)));
}

TEST_CASE("weighted gives shares proportional to capacity, exactly over a full cycle", "[policy]") {
  FakeWorld world(3);
  world.info_[0].capacity[0] = 10;
  world.info_[1].capacity[0] = 30;
  world.info_[2].capacity[0] = 60;
  auto policy = make_policy(PolicyFamily::Scheduler, "weighted");
  std::map<RegionIndex, int> counts;
  for (int i = 0; i < 100; ++i) ++counts[policy->choose(gpu_task(0), kAll, world)];
  CHECK(counts[0] == 10);
  CHECK(counts[1] == 30);
  CHECK(counts[2] == 60);
}

TEST_CASE("least-loaded picks the smallest committed fraction, counting work in transit", "[policy]") {
  FakeWorld world(3);
  world.load_[0].allocated[0] = 5;  // 50 %
  world.load_[1].allocated[0] = 2;
  world.load_[1].incoming[0] = 4;   // 60 % once its incoming work lands
  world.load_[2].queued[0] = 4;     // 40 %
  auto policy = make_policy(PolicyFamily::Scheduler, "least-loaded");
  CHECK(policy->choose(gpu_task(0), kAll, world) == 2);
  world.info_[0].capacity[0] = 100;  // now 5 %
  CHECK(policy->choose(gpu_task(0), kAll, world) == 0);
}

TEST_CASE("latency-aware trades transfer time against expected wait", "[policy]") {
  FakeWorld world(2);
  world.latency_ = {{0, 0.1}, {0.1, 0}};
  world.input_bytes_ = 1e9;  // 1 s at 1 GB/s: region 1 costs 1.1 s to reach
  auto policy = make_policy(PolicyFamily::Scheduler, "latency-aware");
  const std::vector<RegionIndex> both{0, 1};
  CHECK(policy->choose(gpu_task(0), both, world) == 0);  // home is free
  world.load_[0].allocated[0] = 10;                      // home full, 20 unit-s of work queued
  world.load_[0].queued_tasks = 2;
  world.load_[0].pending_work[0] = 20.0;                 // 2 s expected wait over 10 units
  CHECK(policy->choose(gpu_task(0), both, world) == 1);
  world.load_[0].pending_work[0] = 5.0;                  // 0.5 s: cheaper than moving
  CHECK(policy->choose(gpu_task(0), both, world) == 0);
}

TEST_CASE("data-local runs where the data is unless the wait there costs more than moving it", "[policy]") {
  FakeWorld world(3);
  world.latency_ = {{0, 0.1, 0.1}, {0.1, 0, 0.1}, {0.1, 0.1, 0}};
  world.data_home_ = 1;       // every task's input lives in region 1, whatever its origin
  world.input_bytes_ = 4e9;   // 4 s at 1 GB/s from region 1 to anywhere else
  auto policy = make_policy(PolicyFamily::Scheduler, "data-local");
  CHECK(policy->choose(gpu_task(0), kAll, world) == 1);  // not the origin: the data's region
  world.load_[1].allocated[0] = 10;
  world.load_[1].queued_tasks = 3;
  world.load_[1].pending_work[0] = 30.0;                 // 3 s of wait: still cheaper than 4.1 s
  CHECK(policy->choose(gpu_task(0), kAll, world) == 1);
  world.load_[1].pending_work[0] = 50.0;                 // 5 s: moving the data is quicker
  CHECK(policy->choose(gpu_task(0), kAll, world) == 0);
  world.sharing_ = 2.0;                                  // links busy: moving takes 8.1 s now
  CHECK(policy->choose(gpu_task(0), kAll, world) == 1);
  // transfer_weight 0 ignores data: the lower index among the idle regions.
  auto blind = make_policy(PolicyFamily::Scheduler, "data-local", {{"transfer_weight", "0"}});
  CHECK(blind->choose(gpu_task(0), kAll, world) == 0);
}

TEST_CASE("latency load balancer picks the nearest allowed region", "[policy][lb]") {
  FakeWorld world(3);
  world.latency_ = {{0, 0.05, 0.02}, {0.05, 0, 0.03}, {0.02, 0.03, 0}};
  auto policy = make_policy(PolicyFamily::LoadBalancer, "latency");
  CHECK(policy->choose(gpu_task(0), kAll, world) == 0);
  const std::vector<RegionIndex> away{1, 2};
  CHECK(policy->choose(gpu_task(0), away, world) == 2);
}

TEST_CASE("the policy table is consistent", "[policy]") {
  for (const auto& e : builtin_policies()) {
    INFO(family_key(e.family) << " " << e.name);
    CHECK(!e.summary.empty());
    const bool placement = e.family == PolicyFamily::Scheduler || e.family == PolicyFamily::LoadBalancer;
    CHECK((e.make_placement != nullptr) == placement);
    CHECK((e.make_queue != nullptr) == (e.family == PolicyFamily::Queue));
    CHECK(find_policy(e.family, e.name) == &e);
  }
  for (const auto* name : {"origin", "round-robin", "random", "weighted", "least-loaded", "latency-aware"})
    CHECK(find_policy(PolicyFamily::Scheduler, name) != nullptr);
  for (const auto* name : {"round-robin", "random", "weighted", "latency", "least-connections", "power-of-two",
                           "consistent-hash", "latency-spill"})
    CHECK(find_policy(PolicyFamily::LoadBalancer, name) != nullptr);
}

TEST_CASE("least-loaded and latency-aware choose with their indexes exactly as by scanning", "[policy]") {
  // One world, two instances of each policy: one sees candidate keys and the load log (its
  // trees and latency order), the other no key (the scan). Small integer loads make many ties.
  constexpr std::size_t n = 40;
  FakeWorld world(n);
  world.log_changes_ = true;
  RandomStream rng(31, 0, "test/policy-index");
  for (RegionIndex a = 0; a < n; ++a)
    for (RegionIndex b = 0; b < n; ++b)
      world.latency_[a][b] = a == b ? 0.0 : 0.01 * static_cast<double>(1 + (a > b ? a - b : b - a) / 3);
  for (RegionIndex r = 0; r < n; ++r) world.info_[r].capacity[0] = 4 + static_cast<std::int64_t>(r % 3);
  // Candidate lists: all, a residency-like subset, and one without a few "down" regions.
  std::vector<std::vector<RegionIndex>> lists(3);
  for (RegionIndex r = 0; r < n; ++r) {
    lists[0].push_back(r);
    if (r % 2 == 0) lists[1].push_back(r);
    if (r % 7 != 3) lists[2].push_back(r);
  }
  for (const char* name : {"least-loaded", "latency-aware"}) {
    auto indexed = make_policy(PolicyFamily::Scheduler, name);
    auto scanning = make_policy(PolicyFamily::Scheduler, name);
    for (int step = 0; step < 20000; ++step) {
      // A few load changes between decisions, as the engine makes them.
      for (int c = 0; c < 3; ++c) {
        const auto r = static_cast<RegionIndex>(rng.below(n));
        RegionLoad& load = world.change_load(r);
        load.allocated[0] = static_cast<std::int64_t>(rng.below(6));
        load.queued[0] = static_cast<std::int64_t>(rng.below(3));
        load.queued_tasks = static_cast<std::uint32_t>(load.queued[0]);
        load.incoming[0] = static_cast<std::int64_t>(rng.below(2));
        load.incoming_tasks = static_cast<std::uint32_t>(load.incoming[0]);
        load.pending_work[0] = static_cast<double>(rng.below(4)) * 10.0;
      }
      const std::size_t which = rng.below(3);
      const Task task = gpu_task(static_cast<RegionIndex>(rng.below(n)), 1 + static_cast<std::int64_t>(rng.below(2)));
      world.key_ = which + 1;
      const RegionIndex a = indexed->choose(task, lists[which], world);
      world.key_ = 0;
      const RegionIndex b = scanning->choose(task, lists[which], world);
      INFO(name << " step " << step);
      REQUIRE(a == b);
    }
  }
}
