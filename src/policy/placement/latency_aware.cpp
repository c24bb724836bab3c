// `latency-aware`: the allowed region with the lowest expected start time plus transfer time:
// moving the input (from the origin, or from the nearest replica of the task's dataset), then
// the expected wait behind the region's pending work.
#include <memory>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class LatencyAwarePolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    return lowest(candidates, [&](RegionIndex r) {
      return to_seconds(world.input_time(task, r)) +
             expected_wait_seconds(task, world.region(r), observed_load(world, task, r));
    });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_latency_aware(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LatencyAwarePolicy>();
}

}  // namespace meridian::policy
