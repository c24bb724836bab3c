// `weighted`: each region gets a share of tasks proportional to its capacity (L_i = C_i / sum C),
// spread evenly in time by smooth weighted round-robin, so no random stream is needed.
#include <memory>
#include <vector>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class WeightedPolicy final : public PlacementPolicy {
 public:
  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    if (credit_.size() != world.region_count()) credit_.assign(world.region_count(), 0.0);
    const std::size_t resource = primary_resource(task);
    double total = 0.0;
    RegionIndex best = candidates.front();
    for (const RegionIndex r : candidates) {
      const double weight = static_cast<double>(world.region(r).capacity[resource]);
      credit_[r] += weight;
      total += weight;
      if (credit_[r] > credit_[best]) best = r;
    }
    credit_[best] -= total;
    return best;
  }

 private:
  std::vector<double> credit_;  // smooth WRR "current weight" per region
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_weighted(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<WeightedPolicy>();
}

}  // namespace meridian::policy
