// `latency` (load balancer): the nearest allowed (so healthy) region by routed latency from the
// request's origin. Ties: lowest index.
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class NearestPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    RegionIndex best = candidates.front();
    SimDuration best_latency = world.latency(task.origin, best);
    for (const RegionIndex r : candidates.subspan(1)) {
      const SimDuration latency = world.latency(task.origin, r);
      if (latency < best_latency) {
        best = r;
        best_latency = latency;
      }
    }
    return best;
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_nearest(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<NearestPolicy>();
}

}  // namespace meridian::policy
