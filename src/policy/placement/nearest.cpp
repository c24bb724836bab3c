// `latency` (load balancer): the nearest allowed (so healthy) region by routed latency from the
// request's origin. Ties: lowest index.
#include <memory>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class NearestPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    return lowest(candidates, [&](RegionIndex r) { return world.latency(task.origin, r); });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_nearest(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<NearestPolicy>();
}

}  // namespace meridian::policy
