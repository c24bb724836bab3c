// One placement decision at R regions, the policy alone: least-loaded and latency-aware on the
// hand-built world the policy tests use, kept busy the way the engine keeps it. After each
// decision the chosen region gains the task and one other region loses one (a completion),
// and both changes are reported through load_changes(), as the engine reports them. The cost
// per decision against R shows whether it is logarithmic (indexed) or linear (a scan).
#include <benchmark/benchmark.h>

#include <string>

#include "fake_world.hpp"
#include "meridian/core/rng.hpp"
#include "meridian/policy/registry.hpp"

namespace {
using namespace meridian;

void run_decisions(benchmark::State& state, std::string_view policy_name) {
  const auto regions = static_cast<std::size_t>(state.range(0));
  testing::FakeWorld world(regions);
  RandomStream rng(3, 0, "bench/placement");
  for (RegionIndex r = 0; r < regions; ++r) {
    world.info_[r].capacity[0] = 16;
    world.load_[r].allocated[0] = static_cast<std::int64_t>(rng.below(17));  // a busy start
    for (RegionIndex s = 0; s < regions; ++s)
      world.latency_[r][s] = r == s ? 0.0 : 0.010 + 0.005 * static_cast<double>(r > s ? r - s : s - r);
  }
  world.key_ = 1;  // one candidate list, all regions, as the engine's cache gives
  world.log_changes_ = true;
  const PolicyEntry* entry = find_policy(PolicyFamily::Scheduler, policy_name);
  PolicyParams params;
  for (const auto& p : entry->params) params.set(std::string(p.name), {std::string(p.default_value), {}});
  auto policy = entry->make_placement(params, PolicyContext(1, 0));
  std::vector<RegionIndex> all(regions);
  for (RegionIndex r = 0; r < regions; ++r) all[r] = r;
  Task task = testing::gpu_task(0);
  // Steady state: what a policy builds once per origin (latency-aware's orders) is built first.
  for (RegionIndex origin = 0; origin < regions; ++origin) {
    task.origin = origin;
    benchmark::DoNotOptimize(policy->choose(task, all, world));
  }
  for (auto _ : state) {
    task.origin = static_cast<RegionIndex>(rng.below(regions));
    const RegionIndex chosen = policy->choose(task, all, world);
    benchmark::DoNotOptimize(chosen);
    world.change_load(chosen).allocated[0] += 1;
    const auto done = static_cast<RegionIndex>(rng.below(regions));
    if (world.load_[done].allocated[0] > 0) world.change_load(done).allocated[0] -= 1;
    if (world.changed_.size() > (1U << 20)) {  // the log as the engine keeps it: bounded
      world.changed_.clear();
      world.log_changes_ = false;  // one answer of "too far behind": the policy rescans
      benchmark::DoNotOptimize(policy->choose(task, all, world));
      world.log_changes_ = true;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_LeastLoadedDecision(benchmark::State& state) { run_decisions(state, "least-loaded"); }
void BM_LatencyAwareDecision(benchmark::State& state) { run_decisions(state, "latency-aware"); }

}  // namespace

BENCHMARK(BM_LeastLoadedDecision)->Arg(8)->Arg(64)->Arg(512)->Arg(2048);
BENCHMARK(BM_LatencyAwareDecision)->Arg(8)->Arg(64)->Arg(512)->Arg(2048);
