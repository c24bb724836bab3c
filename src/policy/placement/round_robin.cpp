// `round-robin`: regions in turn, skipping those not allowed for this task.
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class RoundRobinPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task&, Candidates candidates, const WorldView& world) override {
    // Candidates are sorted by region index: take the first at or after the cursor, wrapping.
    const auto n = static_cast<RegionIndex>(world.region_count());
    RegionIndex chosen = candidates.front();
    for (const RegionIndex r : candidates) {
      if (r >= next_) {
        chosen = r;
        break;
      }
    }
    next_ = (chosen + 1) % n;
    return chosen;
  }

 private:
  RegionIndex next_ = 0;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_round_robin(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<RoundRobinPolicy>();
}

}  // namespace meridian::policy
