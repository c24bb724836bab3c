// Load balancers on hand-built world views: no engine involved. (random and latency are in
// test_placement_policies.cpp, with the schedulers they share code with.)
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <vector>

#include "../support/fake_world.hpp"
#include "../support/make_policy.hpp"

using namespace meridian;
using meridian::testing::FakeWorld;
using meridian::testing::gpu_task;
using meridian::testing::make_policy;

namespace {

constexpr auto kLb = PolicyFamily::LoadBalancer;

/// Regions 0..n-1 as a candidate list.
std::vector<RegionIndex> all_regions(std::size_t n) {
  std::vector<RegionIndex> regions(n);
  for (RegionIndex r = 0; r < n; ++r) regions[r] = r;
  return regions;
}

/// Three regions; from region 0, region 2 is nearer (20 ms) than region 1 (50 ms).
FakeWorld three_regions() {
  FakeWorld world(3);
  world.latency_ = {{0, 0.05, 0.02}, {0.05, 0, 0.03}, {0.02, 0.03, 0}};
  return world;
}

/// Counts of the regions a policy picks for `draws` requests from region 0.
std::map<RegionIndex, int> picks(PlacementPolicy& policy, const FakeWorld& world, Candidates candidates, int draws) {
  std::map<RegionIndex, int> counts;
  for (int i = 0; i < draws; ++i) ++counts[policy.choose(gpu_task(0), candidates, world)];
  return counts;
}

}  // namespace

TEST_CASE("round-robin and weighted are load balancers too", "[policy][lb]") {
  FakeWorld world(3);
  world.info_[1].capacity[0] = 30;
  const auto all = all_regions(3);
  auto round_robin = make_policy(kLb, "round-robin");
  const auto even = picks(*round_robin, world, all, 300);
  for (RegionIndex r = 0; r < 3; ++r) CHECK(even.at(r) == 100);
  auto weighted = make_policy(kLb, "weighted");
  const auto shares = picks(*weighted, world, all, 50);  // capacities 10, 30, 10
  CHECK(shares.at(0) == 10);
  CHECK(shares.at(1) == 30);
  CHECK(shares.at(2) == 10);
}

TEST_CASE("least-connections counts open requests per unit of capacity, ties to the nearest", "[policy][lb]") {
  FakeWorld world = three_regions();
  const auto all = all_regions(3);
  auto policy = make_policy(kLb, "least-connections");
  CHECK(policy->choose(gpu_task(0), all, world) == 0);  // all idle: the origin itself
  world.load_[0].running_tasks = 1;
  CHECK(policy->choose(gpu_task(0), all, world) == 2);  // 1 and 2 idle: 2 is nearer
  world.load_[2].incoming_tasks = 1;                    // requests on their way count
  CHECK(policy->choose(gpu_task(0), all, world) == 1);
  // 6 open on 10 GPUs (0.6) against 4 open on 5 GPUs (0.8): the bigger region is less loaded.
  world.load_[0] = {};
  world.load_[0].queued_tasks = 6;
  world.load_[1].running_tasks = 4;
  world.info_[1].capacity[0] = 5;
  const std::vector<RegionIndex> zero_one{0, 1};
  CHECK(policy->choose(gpu_task(0), zero_one, world) == 0);
}

TEST_CASE("power-of-two takes the less loaded of two random regions", "[policy][lb]") {
  FakeWorld world = three_regions();
  world.load_[0].allocated[0] = 9;  // 90 %: never the less loaded of any pair
  world.load_[1].allocated[0] = 5;  // 50 %
  world.load_[2].queued[0] = 1;     // 10 %
  auto policy = make_policy(kLb, "power-of-two");
  const int draws = 30000;
  const auto counts = picks(*policy, world, all_regions(3), draws);
  // Region 2 is chosen whenever it is drawn (2 of the 3 pairs), region 1 only with region 0.
  const double sd = std::sqrt(draws * (2.0 / 9.0));
  CHECK(counts.count(0) == 0);
  CHECK(counts.at(2) == Approx(draws * 2.0 / 3.0).margin(5 * sd));
  CHECK(counts.at(1) == Approx(draws / 3.0).margin(5 * sd));
  // Load is relative to capacity: 9 of 100 GPUs is less loaded than 1 of 10.
  world.info_[0].capacity[0] = 100;
  const std::vector<RegionIndex> zero_two{0, 2};
  for (int i = 0; i < 10; ++i) CHECK(policy->choose(gpu_task(0), zero_two, world) == 0);
  const std::vector<RegionIndex> only{1};
  CHECK(policy->choose(gpu_task(0), only, world) == 1);
}

TEST_CASE("latency-spill stays nearest until the queue passes max_wait, then spills in latency order", "[policy][lb]") {
  FakeWorld world = three_regions();
  const auto all = all_regions(3);
  auto policy = make_policy(kLb, "latency-spill");  // max_wait 250ms
  CHECK(policy->choose(gpu_task(0), all, world) == 0);
  // Region 0 full with 2 unit-s of work queued on 10 GPUs: 0.2 s expected wait, still under.
  world.load_[0].allocated[0] = 10;
  world.load_[0].queued_tasks = 2;
  world.load_[0].pending_work[0] = 2.0;
  CHECK(policy->choose(gpu_task(0), all, world) == 0);
  world.load_[0].pending_work[0] = 5.0;  // 0.5 s: spill to the next nearest, region 2 (20 ms)
  CHECK(policy->choose(gpu_task(0), all, world) == 2);
  world.load_[2] = world.load_[0];  // region 2 past it too: region 1 (50 ms)
  CHECK(policy->choose(gpu_task(0), all, world) == 1);
  world.load_[1] = world.load_[0];  // every region past it: spilling gains nothing, stay home
  CHECK(policy->choose(gpu_task(0), all, world) == 0);
  auto patient = make_policy(kLb, "latency-spill", {{"max_wait", "1s"}});
  world.load_[1] = {};
  CHECK(patient->choose(gpu_task(0), all, world) == 0);
}

TEST_CASE("consistent-hash gives each region about 1/n of the keys", "[policy][lb]") {
  const std::size_t n = 5;
  FakeWorld world(n);
  auto policy = make_policy(kLb, "consistent-hash", {{"keys", "1000000000"}});
  const int draws = 50000;
  const auto counts = picks(*policy, world, all_regions(n), draws);
  // Each share is a sum of 160 arcs: standard deviation about 1 / (n sqrt(160)) = 1.6 % here,
  // plus the sampling noise of 50,000 keys (0.18 %). Allow 4 of each.
  const double p = 1.0 / n;
  const double tolerance = 4 * (1.0 / (n * std::sqrt(160.0))) + 4 * std::sqrt(p * (1 - p) / draws);
  for (RegionIndex r = 0; r < n; ++r) CHECK(counts.at(r) / double(draws) == Approx(p).margin(tolerance));
}

TEST_CASE("consistent-hash: an outage remaps only the failed region's keys", "[policy][lb]") {
  // Two copies of the policy from the same seed draw the same keys in the same order, so the
  // i-th request of each carries the same key: one sees every region, the other not region 2.
  const std::size_t n = 5;
  const RegionIndex failed = 2;
  FakeWorld world(n);
  const std::map<std::string, std::string> params{{"keys", "1000000000"}};
  auto healthy = make_policy(kLb, "consistent-hash", params);
  auto degraded = make_policy(kLb, "consistent-hash", params);
  const auto all = all_regions(n);
  const std::vector<RegionIndex> without{0, 1, 3, 4};
  const int keys = 50000;
  int on_failed = 0, moved = 0, moved_elsewhere = 0;
  for (int i = 0; i < keys; ++i) {
    const RegionIndex before = healthy->choose(gpu_task(0), all, world);
    const RegionIndex after = degraded->choose(gpu_task(0), without, world);
    on_failed += before == failed;
    if (before != after) {
      ++moved;
      moved_elsewhere += before != failed;
    }
  }
  // Exactly the failed region's keys move, and nothing else does.
  CHECK(moved_elsewhere == 0);
  CHECK(moved == on_failed);
  // Bound on how many that is: the region's expected share 1/n, plus 4 standard deviations of
  // its ring share (160 virtual nodes: 1/(n sqrt(160)) = 1.6 %) and of sampling 50,000 keys
  // (sqrt(p (1 - p) / keys) = 0.18 %): 20 % + 7.0 %.
  const double p = 1.0 / n;
  const double tolerance = 4 * (1.0 / (n * std::sqrt(160.0))) + 4 * std::sqrt(p * (1 - p) / keys);
  CHECK(moved / double(keys) <= p + tolerance);
}

TEST_CASE("consistent-hash: a new region takes keys only for itself", "[policy][lb]") {
  // The ring hashes region ids, so adding region r4 to r0..r3 moves keys only onto r4.
  FakeWorld four(4), five(5);
  const std::map<std::string, std::string> params{{"keys", "1000000000"}};
  auto before = make_policy(kLb, "consistent-hash", params);
  auto after = make_policy(kLb, "consistent-hash", params);
  const auto all4 = all_regions(4), all5 = all_regions(5);
  int moved = 0, moved_elsewhere = 0;
  for (int i = 0; i < 20000; ++i) {
    const RegionIndex a = before->choose(gpu_task(0), all4, four);
    const RegionIndex b = after->choose(gpu_task(0), all5, five);
    if (a != b) {
      ++moved;
      moved_elsewhere += b != 4;
    }
  }
  CHECK(moved > 0);
  CHECK(moved_elsewhere == 0);
}

TEST_CASE("consistent-hash sends a repeated key to the same region", "[policy][lb]") {
  // With one key every request is the same user: all go to one region, whichever it is.
  FakeWorld world(5);
  auto policy = make_policy(kLb, "consistent-hash", {{"keys", "1"}});
  const auto counts = picks(*policy, world, all_regions(5), 100);
  CHECK(counts.size() == 1);
}
