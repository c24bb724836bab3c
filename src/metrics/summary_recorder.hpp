#pragma once
// Aggregates task signals into the metrics of summary.json: global, per region (where tasks
// were served), per workload (and, within it, per origin region) and per dataset, plus link
// traffic and egress. Tasks that arrived during warm-up are simulated but left out.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "meridian/metrics/observer.hpp"
#include "metrics/compact_counts.hpp"
#include "metrics/quantile_sketch.hpp"
#include "world/model.hpp"

namespace meridian {

/// Task statistics of one scope (global, a region, a workload).
struct TaskStats {
  std::uint64_t arrived = 0, completed = 0, failed = 0, restarted = 0;
  std::uint64_t rerouted = 0;  ///< placed again, without losing work, because their region failed
  std::uint64_t slo_tasks = 0, slo_met = 0;
  std::uint64_t residency_violations = 0;
  double cost_usd = 0.0;
  QuantileSketch wait_s, response_s;
};

class SummaryRecorder final : public Observer {
 public:
  explicit SummaryRecorder(const Model& model);
  SummaryRecorder(const SummaryRecorder&) = delete;  // pending_buckets_ points into it
  SummaryRecorder& operator=(const SummaryRecorder&) = delete;

  void on_task_arrived(const Task& task) override;
  void on_task_queued(const Task& task, SimTime now) override;
  void on_task_started(const Task& task, SimTime now, bool residency_violation) override;
  void on_task_interrupted(const Task& task, SimTime now, SimDuration lost) override;
  void on_task_rerouted(const Task& task, SimTime now) override;
  void on_task_finished(const Task& task, SimTime service_end, SimTime now) override;
  void on_task_failed(const Task& task, SimTime now, FailureReason reason) override;
  void on_transfer(RegionIndex from, RegionIndex to, double bytes, SimTime begin, SimTime end) override;

  /// The whole summary.json document.
  nlohmann::ordered_json to_json(const Engine& engine, const RunStats& stats,
                                 const nlohmann::ordered_json& policies) const;

  /// The global and per-workload scopes, completed from the per-origin ones (see global_).
  TaskStats global() const;
  TaskStats workload(WorkloadIndex w) const;
  const TaskStats& region(RegionIndex r) const {
    pending_buckets_.flush();
    return regions_[r];
  }
  const TaskStats& origin(WorkloadIndex w, RegionIndex origin) const {
    pending_buckets_.flush();
    return origins_[w * regions_.size() + origin];
  }

 private:
  const Model& model_;
  // A finished task goes in full into its region's and its origin's stats only. The global and
  // per-workload stats keep their counters and, in order, the sums of waits, responses and cost
  // (a mean depends on the order of its additions); their sketches' counts, buckets and
  // extremes are merged, exactly, from the per-origin sketches when asked for (global(),
  // workload()). Every task finished per workload is finished per (workload, origin).
  TaskStats global_;
  std::vector<TaskStats> regions_;
  std::vector<TaskStats> workloads_;
  // Per workload and origin, flattened [w * regions + origin]: where requests came from.
  std::vector<TaskStats> origins_;
  // Completed tasks by (workload, origin, serving region), flattened [(w * regions + origin) * regions + r].
  CompactCounts served_;
  // Primary-resource unit-seconds of service completed, by (workload, serving region) [w * regions + r].
  std::vector<double> served_work_;
  std::size_t primary_;  // the resource utilization and imbalance are measured on: gpu, else the first
  std::vector<std::uint64_t> dataset_violations_;
  std::vector<double> egress_bytes_;  // per source region
  // Bucket counts of the region and origin sketches not yet done; flushed before any read.
  mutable BucketBatch pending_buckets_;

  TaskStats& origin_stats(const Task& task) { return origins_[task.workload * regions_.size() + task.origin]; }
  nlohmann::ordered_json served_by(WorkloadIndex w, std::optional<RegionIndex> origin) const;
};

}  // namespace meridian
