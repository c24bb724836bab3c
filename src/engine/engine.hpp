#pragma once
// The engine: owns the event queue, the tasks, the per-region state, the policies, the random
// streams and the observers of one run. No globals, so runs can go side by side in threads.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/arrivals.hpp"
#include "engine/task_table.hpp"
#include "meridian/engine/event_queue.hpp"
#include "meridian/metrics/observer.hpp"
#include "meridian/model/world_view.hpp"
#include "meridian/policy/placement.hpp"
#include "meridian/policy/queue.hpp"
#include "meridian/policy/replication.hpp"
#include "metrics/region_meter.hpp"
#include "network/flow_network.hpp"
#include "world/model.hpp"

namespace meridian {

/// How far a run has got, published while it goes on for a display on another thread (compare's
/// progress line). The engine stores into it every 65536 events and once at the end; relaxed
/// atomics: a reader sees recent, not exact, values. Nothing in the run depends on it.
struct LiveProgress {
  std::atomic<std::uint64_t> events{0};
  std::atomic<std::int64_t> simulated_ns{0};  ///< the run's clock, nanoseconds since its start
};

struct RunOptions {
  std::uint64_t replication = 0;
  /// Verify capacity, time order and task conservation every event; always, in a build
  /// configured with -DMERIDIAN_CHECK_INVARIANTS=ON.
#ifdef MERIDIAN_CHECK_INVARIANTS
  static constexpr bool kCheckByDefault = true;
#else
  static constexpr bool kCheckByDefault = false;
#endif
  bool check_invariants = kCheckByDefault;
  bool progress = false;          ///< print progress on stderr
  LiveProgress* live = nullptr;   ///< if set, updated while the run goes on
};

/// What the run did, for `summary.json`'s run section and the terminal.
struct RunStats {
  std::uint64_t events = 0;
  std::uint64_t stale_events = 0;
  SimTime end{};
  double wall_seconds = 0.0;
  std::uint64_t fingerprint = 0;  ///< hash of the processed event sequence (determinism check)
};

/// Traffic over one direction of a link (a channel of the network).
struct ChannelTotals {
  double bytes = 0.0;         ///< from warm-up to the end of the run
  double utilization = 0.0;   ///< bytes * 8 over nominal bandwidth * time, warm-up to the end
};

/// Disaster-recovery accounting per dataset, for the summary.
struct DatasetTotals {
  std::uint32_t outages = 0;          ///< times it became unavailable (its primary's region failed)
  double unavailable_seconds = 0.0;
  std::vector<double> rto_seconds;    ///< per outage: until its data was served again (run end if never)
  std::vector<std::pair<double, double>> unavailable_s;  ///< [from, to) in seconds, to = run end if never
  double rpo_max_seconds = 0.0;       ///< worst recovery point: writes exposed when its primary failed
  double rpo_max_bytes = 0.0;
  std::uint32_t failovers = 0;        ///< times a copy took over
  double lost_seconds = 0.0;          ///< writes discarded by those failovers (the copies' lag), summed
  double lost_bytes = 0.0;
  double replication_bytes = 0.0;     ///< shipped to its copies (backups, replica updates)
  double replication_cost_usd = 0.0;  ///< their egress
  std::uint32_t shipments = 0;
  RegionIndex primary_at_end = 0;
};

/// Per-region accounting the summary needs at the end.
struct RegionTotals {
  MeterTotals measured;  ///< from warm-up to the end of the run (drain included): cost, energy
  MeterTotals window;    ///< from warm-up to the horizon: utilization
  std::uint32_t outages = 0;
  double downtime_seconds = 0.0;
  std::uint32_t partial_outages = 0;                     ///< losses of a share of its units
  std::array<double, kMaxResources> lost_unit_seconds{};  ///< units out of service x time
  double work_lost_gpu_hours = 0.0;
  std::vector<std::pair<double, double>> outages_s;  ///< [down, up) in seconds; up = run end if still down
};

class Engine final : public WorldView {
 public:
  Engine(const Model& model, RunOptions options);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void add_observer(Observer* observer) { observers_.push_back(observer); }
  /// Runs to the end: arrivals stop at the horizon and work in flight drains.
  RunStats run();
  /// Accounting per region, valid after run().
  const std::vector<RegionTotals>& region_totals() const { return totals_; }
  /// Traffic per channel (indexed like the topology's hops), valid after run().
  const std::vector<ChannelTotals>& channel_totals() const { return channel_totals_; }
  /// Disaster-recovery accounting per dataset, valid after run().
  const std::vector<DatasetTotals>& dataset_totals() const { return dataset_totals_; }

  // WorldView
  SimTime now() const override { return now_; }
  std::size_t region_count() const override { return model_.regions.size(); }
  const RegionInfo& region(RegionIndex r) const override { return model_.regions[r]; }
  const RegionLoad& load(RegionIndex r) const override { return regions_[r].load; }
  const std::vector<std::string>& resource_names() const override { return model_.resource_names; }
  SimDuration latency(RegionIndex from, RegionIndex to) const override { return routes_->latency(from, to); }
  SimDuration transfer_time(RegionIndex from, RegionIndex to, double bytes) const override {
    return routes_->transfer_time(from, to, bytes);
  }
  SimDuration expected_transfer_time(RegionIndex from, RegionIndex to, double bytes) const override;
  double input_bytes(const Task& task) const override { return model_.workloads[task.workload].input_bytes; }
  RegionIndex input_source(const Task& task, RegionIndex r) const override;
  std::uint64_t candidates_key() const override { return deciding_key_; }
  std::optional<std::span<const RegionIndex>> load_changes(std::uint64_t& cursor) const override;

 private:
  // Event kinds, numbered in the order they happen at one instant (the event's phase):
  // failures, repairs, completions (freeing capacity), transfers, arrivals, then bookkeeping.
  // The sample at the horizon comes before the horizon's bookkeeping, so it is always taken.
  enum Kind : std::uint8_t { kFaultBegin, kFaultEnd, kFailover, kDataRestored, kTaskComplete, kFlowDrained,
                             kTaskDelivered, kTaskReturned, kArrival, kReplicate, kWarmupEnd, kSample, kHorizonEnd };

  /// What a flow carries: a task's data (and the event to fire when its last byte has
  /// arrived), or a replication shipment (dataset and copy).
  struct Transfer {
    DatasetIndex dataset = kNoDataset;  ///< set for a shipment
    std::uint32_t copy = 0;
    bool full = false;
    TaskSlot slot = 0;
    std::uint32_t task_generation = 0;
    RegionIndex from = 0, to = 0;
    SimTime begin{};
    double bytes = 0.0;
    Kind on_arrival = kTaskDelivered;
  };

  struct RegionState {
    RegionLoad load;
    std::unique_ptr<QueueDiscipline> queue;
    std::vector<TaskSlot> running;
    std::uint32_t down_count = 0;  // overlapping outages
    std::uint32_t arrivals_since_sample = 0;
    SimTime down_since{};
    SimTime lost_since{};  // last change of load.out_of_service
  };
  class Dispatcher;

  void schedule(SimTime at, Kind kind, std::uint32_t subject, std::uint32_t generation = 0) {
    queue_.push(at, kind, subject, generation);
  }
  void handle(const Event& event);
  static constexpr std::size_t kPrefetchAbove = (256 << 10) / sizeof(Task);  // task slots: 256 KiB of them
  void prefetch_subject(const Event& event) const {
    const auto kind = static_cast<Kind>(event.phase());
    if (kind != kTaskComplete && kind != kTaskDelivered && kind != kTaskReturned) return;
    const auto* bytes = reinterpret_cast<const char*>(&tasks_[event.subject]);
    for (std::size_t k = 0; k < sizeof(Task); k += 64) __builtin_prefetch(bytes + k);
  }

  void on_arrival(WorkloadIndex w);
  void on_delivered(TaskSlot slot);
  void on_complete(TaskSlot slot);
  void on_returned(TaskSlot slot);
  void on_fault_begin(std::uint32_t fault);
  void on_fault_end(std::uint32_t fault);
  /// Draws a random fault's next failure (or, `failure` false, its repair) and schedules it.
  void schedule_random_fault(std::uint32_t fault, bool failure);
  void on_region_down(std::uint32_t fault);
  /// A partial loss begins or ends: units out of service change; tasks over what is left stop.
  void change_lost_capacity(std::uint32_t fault, bool begins);
  /// Stops a running task: work since its last checkpoint is lost; the caller re-places it.
  void interrupt(RegionIndex r, TaskSlot slot);
  void on_region_up(std::uint32_t fault);
  // The network (engine_network.cpp).
  /// Moves a task's bytes between regions; `on_arrival` fires (for the task) when they are there.
  void send(TaskSlot slot, RegionIndex from, RegionIndex to, double bytes, Kind on_arrival);
  /// Over a reachable route of unlimited links, or with nothing to send, bytes need no flow:
  /// they are only counted on the route's channels (true). Else nothing happens (false).
  bool carried_unmetered(RegionIndex from, RegionIndex to, double bytes);
  /// Starts a flow of `bytes` on the route (stranded if there is none) with a blank Transfer
  /// record for the caller to fill in.
  FlowId start_flow(RegionIndex from, RegionIndex to, double bytes);
  void arrive(TaskSlot slot, Kind on_arrival);
  void on_flow_drained(FlowId flow, std::uint32_t generation);
  /// Schedules the drain events of flows whose rates the last network change moved.
  void schedule_flow_changes();
  void on_link_fault(std::uint32_t fault, bool begins);
  /// Sets a link's channels to what its active faults leave, and re-routes if it was cut or mended.
  void apply_link_state(std::uint32_t link);
  void reroute_flows(bool link_mended);
  // Replication and failover (engine_replication.cpp).
  struct CopyState {
    RegionIndex region = 0;
    SimTime last_shipment{};  ///< start of the last completed shipment: the copy's recovery point
    SimTime last_full{};
    bool shipping = false;
    FlowId flow = 0;
  };
  struct DatasetState {
    RegionIndex primary = 0;
    std::vector<CopyState> copies;
    bool available = true;
    SimTime unavailable_since{};
    std::uint32_t incident = 0;  ///< generation of its pending failover events
    std::uint32_t restoring = 0; ///< the copy a failover is bringing up
  };
  void on_replicate(DatasetIndex d);
  void ship(DatasetIndex d, std::uint32_t c, SimTime at);
  void on_shipment_done(const Transfer& transfer, SimTime begin);
  void on_primary_down(RegionIndex r);
  void on_primary_up(RegionIndex r);
  void on_failover(DatasetIndex d, std::uint32_t incident);
  void on_data_restored(DatasetIndex d, std::uint32_t incident);
  void data_served_again(DatasetIndex d);
  /// When someone is there to fail over by hand: `t` if a team is on shift, else the start of the
  /// next shift anywhere (kSimEnd if no team ever works).
  SimTime next_on_shift(SimTime t) const;
  /// Extra time a task's write waits for a synchronous replica: one round trip, or zero.
  SimDuration sync_write_wait(const Task& task) const;
  /// Bytes each channel has carried so far: the network's flows plus sends that needed no flow.
  std::vector<double> channel_bytes() const;
  void on_sample();
  void snapshot_meters(std::vector<MeterTotals>& into);

  /// The regions place() may offer a task (up, able to hold its demand, allowed by residency,
  /// reachable from its origin, its data served), in index order, with why there are none.
  struct CandidateSet {
    ResourceVector demand;
    std::vector<RegionIndex> regions;
    bool holds = false, resident = false, reachable = false;
    std::uint64_t key = 0;  // unique per computed list (0: not cached), for candidates_key()
  };
  /// The task's candidates, from a cache per (workload, origin, demand) that lives until
  /// something place() tests changes (candidates_changed()). When every region reaches every
  /// other, the origin does not matter and one entry serves all origins.
  const CandidateSet& candidates_for(const Task& task);
  /// Call wherever a region goes down or comes up, a link is cut or mended, or a dataset's
  /// availability or primary changes: before any placement that must see the change.
  void candidates_changed() { candidate_cache_valid_ = false; }
  /// Notes that region r's RegionLoad changes, for load_changes(): call before any placement
  /// that follows the change. Nothing is kept until a policy first asks.
  void load_changed(RegionIndex r) {
    if (!load_log_used_) return;
    // The same region twice in a row is noted once, unless a reader took the first meanwhile.
    if (!load_log_.empty() && load_log_.back() == r && load_log_base_ + load_log_.size() > load_log_read_) return;
    load_log_.push_back(r);
    if (load_log_.size() >= load_log_limit_) {  // drop the older half: a reader that far behind rescans
      const std::size_t half = load_log_.size() / 2;
      load_log_.erase(load_log_.begin(), load_log_.begin() + static_cast<std::ptrdiff_t>(half));
      load_log_base_ += half;
    }
  }
  /// Chooses a region for the task and starts moving its input there (or parks it).
  void place(TaskSlot slot);
  /// Starts what the region's queue lets start now.
  void dispatch(RegionIndex r);
  void start(TaskSlot slot);
  void finish(TaskSlot slot, SimTime service_end);
  void fail(TaskSlot slot, FailureReason reason);
  void interrupt_region(RegionIndex r);
  void retry_unplaced();
  void change_allocation(RegionIndex r, const ResourceVector& delta, bool add);
  /// Takes a running task off its region's running list (completion or failure).
  void remove_running(RegionState& region, TaskSlot slot);
  void add_pending_work(RegionLoad& load, const Task& task, double sign) const;
  bool region_up(RegionIndex r) const { return regions_[r].down_count == 0; }
  /// Marks a task that lost its region as waiting to be placed again, from now.
  void unplace(Task& task) {
    task.state = TaskState::Unplaced;
    task.region = kNoRegion;
    task.ready = now_;
  }
  PlacementPolicy& policy_for(const Task& task) {
    return model_.workloads[task.workload].is_request ? *load_balancer_ : *scheduler_;
  }
  void check_invariants(const Event& event) const;
  void publish_progress(std::uint64_t events) const {
    options_.live->events.store(events, std::memory_order_relaxed);
    options_.live->simulated_ns.store(now_.time_since_epoch().count(), std::memory_order_relaxed);
  }
  /// The run ends at the horizon or, if work is still in flight then, when it has drained.
  bool draining_done() const { return horizon_reached_ && active_streams_ == 0 && tasks_.live() == 0; }

  const Model& model_;
  RunOptions options_;
  EventQueue queue_;
  TaskTable tasks_;
  std::vector<RegionState> regions_;
  std::vector<RegionMeter> meters_;
  std::vector<MeterTotals> warmup_snapshot_;
  std::vector<MeterTotals> horizon_snapshot_;  // empty until the horizon is reached
  std::vector<RegionTotals> totals_;
  FlowNetwork network_;
  std::vector<Transfer> transfers_;           // by flow id
  const Topology* routes_;                    // the model's routes, or live_routes_ while a link is cut
  std::unique_ptr<Topology> live_routes_;
  std::vector<char> link_usable_;             // per link: not cut
  std::vector<std::vector<std::uint32_t>> link_faults_;  // per link: its active faults
  std::vector<std::vector<std::uint32_t>> link_hops_;    // per link: its channels (hop indices)
  std::vector<FlowId> stranded_;  // flows with no route, waiting for a link to mend
  std::unique_ptr<ReplicationPolicy> replication_;
  std::vector<DatasetState> datasets_;
  std::vector<DatasetTotals> dataset_totals_;
  mutable std::vector<std::uint32_t> path_scratch_;  // reused by const estimates too: no allocation per call
  std::vector<FlowId> flow_scratch_;
  std::vector<FlowId> changed_flows_;
  std::vector<double> unmetered_bytes_;       // per channel: bytes of sends over unlimited links
  std::vector<double> channel_bytes_at_warmup_;
  std::vector<ChannelTotals> channel_totals_;
  std::vector<ArrivalStream> streams_;
  std::vector<RandomStream> fault_streams_;
  std::unique_ptr<PlacementPolicy> scheduler_;
  std::unique_ptr<PlacementPolicy> load_balancer_;
  std::vector<Observer*> observers_;
  std::vector<TaskSlot> unplaced_;
  std::vector<TaskSlot> scratch_slots_;
  std::vector<std::vector<CandidateSet>> candidate_cache_;  // by workload * regions + origin (0: any origin)
  std::vector<std::size_t> candidate_cache_used_;           // its non-empty slots
  CandidateSet uncached_candidates_;                        // for a demand beyond the cache's few per slot
  bool candidate_cache_valid_ = false;
  std::uint64_t candidate_keys_ = 0;  // keys handed out so far
  std::uint64_t deciding_key_ = 0;    // the key of the candidates offered to the policy deciding now
  mutable std::vector<RegionIndex> load_log_;  // regions whose load changed, from load_log_base_ on
  mutable std::uint64_t load_log_base_ = 0;
  mutable bool load_log_used_ = false;
  mutable std::uint64_t load_log_read_ = 0;  // where the last reader stopped
  std::size_t load_log_limit_ = 4096;
  bool candidates_any_origin_ = false;
  std::vector<RegionSample> samples_;
  std::vector<ChannelSample> channel_samples_;
  SimTime now_{};
  std::uint64_t next_task_id_ = 0;
  std::uint64_t arrived_ = 0, finished_ = 0, failed_ = 0;
  std::uint32_t active_streams_ = 0;
  bool horizon_reached_ = false;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace meridian
