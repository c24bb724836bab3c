// `origin`: run where the task came from; if that region is not allowed, the nearest one that is.
#include <algorithm>
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class OriginPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    if (std::find(candidates.begin(), candidates.end(), task.origin) != candidates.end()) return task.origin;
    return *std::min_element(candidates.begin(), candidates.end(), [&](RegionIndex a, RegionIndex b) {
      return world.latency(task.origin, a) < world.latency(task.origin, b);
    });
  }
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_origin(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<OriginPolicy>();
}

}  // namespace meridian::policy
