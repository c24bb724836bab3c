#pragma once
// Load measures shared by placement policies. Each is O(resources) per region, from the
// counters the engine keeps in RegionLoad, never a scan of tasks.

#include <algorithm>
#include <limits>

#include "meridian/model/world_view.hpp"

namespace meridian::policy {

/// The load of region `r` as a decision about `task` may see it. Every policy reads load through
/// this one function, so a "stale control plane" (each origin sees a region's load as it was one
/// route latency ago) is a small change: the engine keeps a short history of each RegionLoad
/// (a ring of snapshots, appended when a load changes) and WorldView gains
/// `load_seen_from(origin, r)` returning the snapshot at now - latency(origin, r); this function
/// then calls it instead of `load(r)`. No policy changes.
inline const RegionLoad& observed_load(const WorldView& world, const Task& /*task*/, RegionIndex r) {
  return world.load(r);
}

/// Fraction of the region committed (running + queued + on its way, and units out of service),
/// on the resource that is scarcest for this task's demand. 0 is idle; above 1 means a backlog.
inline double committed_fraction(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  double worst = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r) {
    if (task.demand[r] == 0 || info.capacity[r] == 0) continue;
    const double committed =
        static_cast<double>(load.allocated[r] + load.queued[r] + load.incoming[r] + load.out_of_service[r]);
    worst = std::max(worst, committed / static_cast<double>(info.capacity[r]));
  }
  return worst;
}

/// Expected wait before the task could start in the region: zero when its demand fits now and
/// nobody is ahead, else the pending (queued and incoming) work spread over the capacity.
inline double expected_wait_seconds(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  ResourceVector free = info.capacity;
  free -= load.allocated;
  free -= load.out_of_service;
  if (load.queued_tasks == 0 && load.incoming_tasks == 0 && free.covers(task.demand)) return 0.0;
  double worst = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r) {
    if (task.demand[r] == 0 || info.capacity[r] == 0) continue;
    const auto in_service = info.capacity[r] - std::min(load.out_of_service[r], info.capacity[r]);
    if (in_service == 0) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, load.pending_work[r] / static_cast<double>(in_service));
  }
  return worst;
}

/// The candidate with the smallest score(region); ties go to the lowest region index.
template <typename Score>
RegionIndex lowest(Candidates candidates, Score score) {
  RegionIndex best = candidates.front();
  auto best_score = score(best);
  for (const RegionIndex r : candidates.subspan(1)) {
    const auto s = score(r);
    if (s < best_score) {
      best = r;
      best_score = s;
    }
  }
  return best;
}

/// The first resource the task demands (its "primary" one), for capacity-proportional shares.
inline std::size_t primary_resource(const Task& task) {
  for (std::size_t r = 0; r < kMaxResources; ++r)
    if (task.demand[r] > 0) return r;
  return 0;
}

/// Requests open in the region (on their way, queued or running) per unit of its capacity on
/// the task's primary resource: the measure of weighted least-connections.
inline double open_tasks_per_unit(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  const double open = static_cast<double>(load.incoming_tasks) + load.queued_tasks + load.running_tasks;
  const auto capacity = static_cast<double>(info.capacity[primary_resource(task)]);
  return capacity > 0 ? open / capacity : open;
}

}  // namespace meridian::policy
