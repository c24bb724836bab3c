// `power-of-two` (load balancer): two distinct allowed regions drawn at random, and the less
// loaded of the two by committed fraction of capacity (so unequal regions are compared fairly).
// Two random choices keep the maximum load exponentially closer to the mean than one (Mitzenmacher,
// "The Power of Two Choices in Randomized Load Balancing", 2001) while reading the load of only
// two regions, which is what makes it cheap for a real balancer with many backends.
// Ties go to the nearer of the two.
#include <memory>
#include <utility>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class PowerOfTwoPolicy final : public PlacementPolicy {
 public:
  explicit PowerOfTwoPolicy(RandomStream stream) : stream_(stream) {}

  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    if (candidates.size() == 1) return candidates.front();
    // Two distinct indices, uniformly: the second is drawn among the n - 1 others.
    const auto first = stream_.below(candidates.size());
    auto second = stream_.below(candidates.size() - 1);
    if (second >= first) ++second;
    const RegionIndex drawn[] = {candidates[first], candidates[second]};
    const auto score = [&](RegionIndex r) {
      return std::pair{committed_fraction(task, world.region(r), observed_load(world, task, r)),
                       world.latency(task.origin, r)};
    };
    return score(drawn[1]) < score(drawn[0]) ? drawn[1] : drawn[0];
  }

 private:
  RandomStream stream_;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_power_of_two(const PolicyParams&, const PolicyContext& context) {
  return std::make_unique<PowerOfTwoPolicy>(context.stream("policy/placement/power-of-two"));
}

}  // namespace meridian::policy
