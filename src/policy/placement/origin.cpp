// `origin`: run where the task came from; if that region is not allowed, the nearest one that is.
#include <algorithm>
#include <memory>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class OriginPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    if (std::find(candidates.begin(), candidates.end(), task.origin) != candidates.end()) return task.origin;
    return lowest(candidates, [&](RegionIndex r) { return world.latency(task.origin, r); });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_origin(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<OriginPolicy>();
}

}  // namespace meridian::policy
