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
  /// Sets each origin's diurnal multiplier at t (1 + A cos(2 pi (local hour - peak) / 24)) into
  /// scratch_weights_ and returns their weighted mean.
  double diurnal_factors(SimTime t);
  void refresh_phases(std::int64_t unix_seconds);
  std::size_t draw_origin_index();
  SimDuration draw_duration();

  const Model& model_;
  const WorkloadModel& workload_;
  WorkloadIndex index_;
  RandomStream times_, origins_, demands_, durations_;
  WeightedChoice origin_choice_;  // the origin draw without a diurnal profile, O(log origins)
  SimTime clock_{};
  std::size_t trace_position_ = 0;
  std::vector<double> smooth_credit_;  // fixed process: deterministic origin rotation
  std::vector<double> scratch_weights_;  // per origin: diurnal multiplier at the current instant
  // cos(x + theta_o) = cos x cos theta_o - sin x sin theta_o, with x the UTC time of day and
  // theta_o the origin's offset minus the peak: one sin/cos per instant instead of one cos
  // per origin. The thetas change only when some origin's UTC offset does (daylight saving).
  std::vector<double> phase_cos_, phase_sin_;
  std::int64_t phases_valid_from_ = 1, phases_valid_until_ = 0;
  double total_origin_weight_ = 0.0;
};

}  // namespace meridian
