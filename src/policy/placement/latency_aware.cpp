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
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

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
    const std::uint64_t key = world.candidates_key();
    auto it = std::find_if(orders_.begin(), orders_.end(),
                           [&](const Orders& o) { return o.key == key && o.workload == task.workload; });
    if (it == orders_.end()) {
      // Candidate lists change with outages: keep the orders of the last few only.
      if (orders_.size() == kLists) {
        kept_ -= orders_.front().entries;
        orders_.erase(orders_.begin());
      }
      orders_.push_back(Orders{key, task.workload, std::vector<Order>(world.region_count()), 0});
      it = orders_.end() - 1;
    }
    Order& order = it->by_origin[task.origin];
    if (!order.empty()) return order;
    // Bounded memory: past the budget, the other lists' orders are dropped.
    if (kept_ + candidates.size() > kBudget) {
      for (Orders& o : orders_) {
        if (&o == &*it) continue;
        o.by_origin.assign(o.by_origin.size(), Order{});
        o.entries = 0;
      }
      kept_ = it->entries;
    }
    order.reserve(candidates.size());
    for (const RegionIndex r : candidates) order.emplace_back(to_seconds(world.input_time(task, r)), r);
    std::sort(order.begin(), order.end());
    kept_ += order.size();
    it->entries += order.size();
    return order;
  }

  static constexpr std::size_t kBudget = std::size_t{1} << 22;  // 4 M entries, 64 MiB
  LowestScoreIndex<ResourceVector> waits_;  // expected_wait depends on the whole demand
  // The orders of a candidate list and workload, by origin: a lookup per decision is an index,
  // not a search (with hundreds of origins, a search through a tree of them is cache misses).
  struct Orders {
    std::uint64_t key;
    WorkloadIndex workload;
    std::vector<Order> by_origin;  // an empty order: not built yet
    std::size_t entries;           // in its orders, for the budget
  };
  static constexpr std::size_t kLists = 16;
  std::vector<Orders> orders_;
  std::size_t kept_ = 0;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_latency_aware(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LatencyAwarePolicy>();
}

}  // namespace meridian::policy
