#pragma once
/// The read-only view of the world that policies decide from. Policies never change the world:
/// they return a choice, and the engine checks it against the rules and applies it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "meridian/core/ids.hpp"
#include "meridian/core/time.hpp"
#include "meridian/model/region.hpp"
#include "meridian/model/task.hpp"

namespace meridian {

/// Read-only access to regions, their load, routes and the current instant.
class WorldView {
 public:
  virtual ~WorldView() = default;

  virtual SimTime now() const = 0;
  virtual std::size_t region_count() const = 0;
  virtual const RegionInfo& region(RegionIndex r) const = 0;
  /// Load of region r as this decision may see it (today: exact and current).
  virtual const RegionLoad& load(RegionIndex r) const = 0;
  /// Resource names, indexed like ResourceVector.
  virtual const std::vector<std::string>& resource_names() const = 0;
  /// One-way latency of the lowest-latency route; zero within a region.
  virtual SimDuration latency(RegionIndex from, RegionIndex to) const = 0;
  /// Time to move `bytes` from one region to another on an idle network: route latency plus the
  /// bytes over the route's bottleneck bandwidth.
  virtual SimDuration transfer_time(RegionIndex from, RegionIndex to, double bytes) const = 0;
  /// The same if the transfer started now: each hop's bandwidth shared equally with the flows
  /// already on it. An estimate: shares change as flows come and go.
  virtual SimDuration expected_transfer_time(RegionIndex from, RegionIndex to, double bytes) const = 0;
  /// Input bytes a task moves to its region before service.
  virtual double input_bytes(const Task& task) const = 0;
  /// Where the task's input would come from if it ran in region r: the nearest replica of its
  /// dataset that is up and can reach r, or its origin when it reads none. Always a region for
  /// a candidate (the engine only offers regions whose data is served).
  virtual RegionIndex input_source(const Task& task, RegionIndex r) const = 0;
  /// Names the candidate list of the decision being made (valid during PlacementPolicy::choose).
  /// Two decisions with the same nonzero key were offered the same regions, and the routes and
  /// data sources behind them are unchanged in between: what a policy derives from the list,
  /// routes and transfer times may be kept under the key. 0 (the default): no such promise.
  virtual std::uint64_t candidates_key() const { return 0; }
  /// The regions whose load() may have changed since `cursor` (a position in a log of changes
  /// the view keeps; start at 0), in some order, possibly repeated; moves `cursor` to the end.
  /// An empty optional (the default) when the log does not reach back to `cursor`: any region
  /// may have changed. Lets a policy keep an index over loads in time proportional to changes.
  virtual std::optional<std::span<const RegionIndex>> load_changes(std::uint64_t& cursor) const {
    (void)cursor;
    return std::nullopt;
  }
  /// Time to bring the task's input to region r on an idle network.
  SimDuration input_time(const Task& task, RegionIndex r) const {
    return transfer_time(input_source(task, r), r, input_bytes(task));
  }
};

/// The regions a decision may choose from: healthy, allowed by residency, able to hold the
/// demand, reachable from the task's origin. Never empty when a policy is asked.
using Candidates = std::span<const RegionIndex>;

}  // namespace meridian
