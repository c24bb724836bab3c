// `least-connections` (load balancer): the allowed region with the fewest open requests (on their
// way, queued or running) per unit of capacity, i.e. weighted least-connections as HAProxy and
// nginx do it with server weights: with unequal regions, a raw count would fill the small ones
// first. Ties (common while idle) go to the region nearest the request's origin.
#include <memory>
#include <utility>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class LeastConnectionsPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    return lowest(candidates, [&](RegionIndex r) {
      return std::pair{open_tasks_per_unit(task, world.region(r), observed_load(world, task, r)),
                       world.latency(task.origin, r)};
    });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_least_connections(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LeastConnectionsPolicy>();
}

}  // namespace meridian::policy
