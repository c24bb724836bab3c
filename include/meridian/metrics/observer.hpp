#pragma once
/// Signals the engine emits as the run goes. Recorders turn them into summaries, time series and
/// traces; a new metric is a new observer and touches neither the engine nor any policy.

#include <span>
#include <string_view>

#include "meridian/core/ids.hpp"
#include "meridian/core/time.hpp"
#include "meridian/model/region.hpp"
#include "meridian/model/task.hpp"

namespace meridian {

/// A region's state at a sampling instant.
struct RegionSample {
  RegionIndex region = 0;
  const RegionLoad* load = nullptr;
  std::uint32_t arrivals = 0;     ///< tasks that reached its queue since the last sample
  double power_kw = 0.0;
  double cost_per_h = 0.0;
  double carbon_g_per_h = 0.0;
};

/// One direction of a link at a sampling instant.
struct ChannelSample {
  std::uint32_t link = 0;       ///< index in the scenario's links
  RegionIndex from = 0, to = 0;
  double bandwidth_bps = 0.0;   ///< now (lower while degraded, 0 while cut); +inf if unlimited
  double load_bps = 0.0;        ///< sum of the rates of its flows now
  std::uint32_t flows = 0;
  double bytes = 0.0;           ///< carried since time 0
};

/// Why a task could not be served at all.
enum class FailureReason { NoRegionCanHold, ResidencyForbids, Unreachable };

/// Receives the run's signals. Every method has an empty default.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_task_arrived(const Task&) {}
  /// The task reached its region's queue (after its input arrived).
  virtual void on_task_queued(const Task&, SimTime /*now*/) {}
  virtual void on_task_started(const Task&, SimTime /*now*/, bool /*residency_violation*/) {}
  /// A failure took the task's place; `lost` work (since its last checkpoint) must be redone.
  virtual void on_task_interrupted(const Task&, SimTime /*now*/, SimDuration /*lost*/) {}
  /// The task lost its region before it started, without losing work: it was waiting in the queue
  /// of a region that failed, or its input reached the region after it had failed. It is placed
  /// again from its origin. `task.region` is still the failed region. (A running task that
  /// loses its place is interrupted instead.)
  virtual void on_task_rerouted(const Task&, SimTime /*now*/) {}
  /// The task's result is back at its origin. `service_end` is when it stopped running.
  virtual void on_task_finished(const Task&, SimTime /*service_end*/, SimTime /*now*/) {}
  virtual void on_task_failed(const Task&, SimTime /*now*/, FailureReason) {}
  /// Bytes moved from one region to another over [begin, end).
  virtual void on_transfer(RegionIndex /*from*/, RegionIndex /*to*/, double /*bytes*/, SimTime /*begin*/,
                           SimTime /*end*/) {}
  /// A link fault began or ended on link `link` (index in the scenario's links); `cut` if it
  /// takes the link's bandwidth away entirely, else it degrades it.
  virtual void on_link_fault(std::uint32_t /*link*/, SimTime, bool /*begins*/, bool /*cut*/) {}
  /// A dataset's primary region failed: its data is not served until a failover or the region's return.
  virtual void on_dataset_unavailable(DatasetIndex, SimTime) {}
  /// A copy in region `primary` took over the dataset (after detection, and restore for a backup).
  virtual void on_dataset_failover(DatasetIndex, RegionIndex /*primary*/, SimTime) {}
  virtual void on_dataset_available(DatasetIndex, SimTime) {}
  virtual void on_region_down(RegionIndex, SimTime) {}
  /// A partial loss began or ended: `out_of_service` units of resource `resource` are now lost.
  virtual void on_capacity_change(RegionIndex, std::size_t /*resource*/, std::int64_t /*out_of_service*/, SimTime) {}
  virtual void on_region_up(RegionIndex, SimTime) {}
  virtual void on_sample(SimTime /*now*/, std::span<const RegionSample>) {}
  /// Right after on_sample, the links' directions (none if the scenario has no links).
  virtual void on_link_sample(SimTime /*now*/, std::span<const ChannelSample>) {}
};

}  // namespace meridian
