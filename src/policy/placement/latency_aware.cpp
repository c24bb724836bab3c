// `latency-aware`: the allowed region with the lowest expected start time plus transfer time:
// moving the input (from the origin, or from the nearest replica of the task's dataset), then
// the expected wait behind the region's pending work.
//
// Without a scan: the candidates in order of input time from the task's origin (kept per
// candidate list, workload and origin: the times depend only on routes and data sources), and
// the smallest expected wait over them from a min-tree. Walking the order, no region further
// than best score - smallest wait can do better, so the walk stops there; it visits the regions
// that are near enough to matter, however many there are in all. Same choice as the scan,
// ties to the lowest index: scores are the same sums, and rounding is monotone.
#include <map>
#include <memory>
#include <tuple>
#include <utility>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class LatencyAwarePolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    const auto wait = [&](RegionIndex r) {
      return expected_wait_seconds(task, world.region(r), observed_load(world, task, r));
    };
    // An order per origin for every origin must fit the budget, else it would be rebuilt often.
    const bool fits = world.region_count() * candidates.size() <= kBudget;
    const auto least_wait = fits ? waits_.lowest(world, candidates, task.demand, wait) : std::nullopt;
    if (!least_wait) {
      return lowest(candidates, [&](RegionIndex r) { return to_seconds(world.input_time(task, r)) + wait(r); });
    }
    double best = std::numeric_limits<double>::infinity();
    RegionIndex chosen = candidates.front();
    bool any = false;
    for (const auto& [input_seconds, r] : by_input_time(task, candidates, world)) {
      if (any && input_seconds + least_wait->score > best) break;
      const double score = input_seconds + wait(r);
      if (!any || score < best || (score == best && r < chosen)) {
        best = score;
        chosen = r;
        any = true;
      }
    }
    return chosen;
  }

 private:
  using Order = std::vector<std::pair<double, RegionIndex>>;  // (input seconds, region), ascending

  const Order& by_input_time(const Task& task, Candidates candidates, const WorldView& world) {
    const auto key = std::make_tuple(world.candidates_key(), task.workload, task.origin);
    if (const auto it = orders_.find(key); it != orders_.end()) return it->second;
    // Bounded memory: lists kept for earlier candidate lists are dropped past the budget.
    if (kept_ + candidates.size() > kBudget) {
      orders_.clear();
      kept_ = 0;
    }
    Order order;
    order.reserve(candidates.size());
    for (const RegionIndex r : candidates) order.emplace_back(to_seconds(world.input_time(task, r)), r);
    std::sort(order.begin(), order.end());
    kept_ += order.size();
    return orders_.emplace(key, std::move(order)).first->second;
  }

  static constexpr std::size_t kBudget = std::size_t{1} << 22;  // 4 M entries, 64 MiB
  LowestScoreIndex<ResourceVector> waits_;  // expected_wait depends on the whole demand
  std::map<std::tuple<std::uint64_t, WorkloadIndex, RegionIndex>, Order> orders_;
  std::size_t kept_ = 0;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_latency_aware(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LatencyAwarePolicy>();
}

}  // namespace meridian::policy
