#pragma once
/// A unit of work: a training job or an inference request, from arrival until its result is back.

#include <cstdint>

#include "meridian/core/ids.hpp"
#include "meridian/core/time.hpp"
#include "meridian/model/resources.hpp"

namespace meridian {

/// Where a task is in its life. Transitions are made by the engine only.
enum class TaskState : std::uint8_t {
  Unplaced,    ///< waiting for any allowed region to become available
  InTransit,   ///< input moving from origin to the chosen region
  Queued,      ///< in the region's queue
  Running,     ///< holding its demand
  Returning,   ///< output moving back to the origin
};

/// One task. Policies read it; only the engine changes it.
struct Task {
  std::uint64_t id = 0;  ///< arrival order, unique over the run (the id in outputs)
  WorkloadIndex workload = 0;
  RegionIndex origin = 0;
  RegionIndex region = kNoRegion;  ///< where it is placed (kNoRegion while unplaced)
  ResourceVector demand;           ///< held for the whole service (gang allocation)
  SimDuration service{};           ///< total work needed
  SimDuration saved{};             ///< work kept by the last checkpoint
  SimTime arrival{};               ///< when it entered the system
  SimTime ready{};                 ///< when it last reached its region's queue
  SimTime start{};                 ///< when it last started running
  SimTime first_start{};           ///< when it first started running
  SimTime service_end{};           ///< when it finished running
  SimDuration waited{};            ///< time spent in queues, over all attempts
  SimDuration transferred{};       ///< time spent moving input and output
  double cost = 0.0;               ///< compute dollars so far
  std::uint32_t restarts = 0;      ///< times it lost its place to a failure
  std::uint32_t generation = 0;    ///< bumped to cancel the task's pending events
  std::uint32_t running_index = 0; ///< position in its region's running list
  int priority = 0;
  TaskState state = TaskState::Unplaced;
  bool started = false;            ///< has started at least once
  bool counted = true;             ///< arrived after warm-up: enters statistics

  /// Work still to do from the last checkpoint.
  SimDuration remaining() const { return service - saved; }
};

}  // namespace meridian
