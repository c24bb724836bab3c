#pragma once
// Task streams: when the next task of a workload arrives and what it asks for. Each stream
// draws from its own named random streams (times, origins, demands, durations), so a change of
// policy never changes the arrivals (common random numbers).

#include <optional>

#include "meridian/core/rng.hpp"
#include "meridian/model/task.hpp"
#include "world/model.hpp"

namespace meridian {

class ArrivalStream {
 public:
  ArrivalStream(const Model& model, WorkloadIndex workload, std::uint64_t replication);

  /// Time of the next arrival strictly inside the horizon, or nullopt when the stream is done.
  /// Advances the stream: call once per arrival.
  std::optional<SimTime> next_arrival();
  /// Fills the workload-dependent fields of the task that arrives now (after next_arrival()).
  void fill(Task& task);

 private:
  double diurnal_factor(RegionIndex origin, SimTime t) const;
  std::size_t draw_origin_index(SimTime t);
  SimDuration draw_duration();

  const Model& model_;
  const WorkloadModel& workload_;
  WorkloadIndex index_;
  RandomStream times_, origins_, demands_, durations_;
  SimTime clock_{};
  std::size_t trace_position_ = 0;
  std::vector<double> smooth_credit_;  // fixed process: deterministic origin rotation
  std::vector<double> scratch_weights_;
};

}  // namespace meridian
