// `least-loaded`: the allowed region with the smallest committed fraction of its capacity,
// counting work running, queued and already on its way (so a burst does not all pile onto the
// region that looked idle when the first task of the burst was placed). Ties: lowest index.
#include <memory>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class LeastLoadedPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    return lowest(candidates, [&](RegionIndex r) {
      return committed_fraction(task, world.region(r), observed_load(world, task, r));
    });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_least_loaded(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LeastLoadedPolicy>();
}

}  // namespace meridian::policy
