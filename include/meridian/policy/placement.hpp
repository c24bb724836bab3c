#pragma once
/// Placement policies: a scheduler chooses where a job runs, a load balancer where a request is
/// served. Both answer the same question (which region, among the allowed candidates), so they
/// share one interface; the registry keeps them in separate families.

#include "meridian/model/task.hpp"
#include "meridian/model/world_view.hpp"

namespace meridian {

/// Chooses a region for a task among the candidates the engine allows.
class PlacementPolicy {
 public:
  virtual ~PlacementPolicy() = default;
  /// Returns one of `candidates` (never empty). The engine rejects any other answer.
  virtual RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) = 0;
};

}  // namespace meridian
