// `random`: a uniformly random allowed region, from the policy's own random stream.
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class RandomPolicy final : public PlacementPolicy {
 public:
  explicit RandomPolicy(RandomStream stream) : stream_(stream) {}
  RegionIndex choose(const Task&, Candidates candidates, const WorldView&) override {
    return candidates[stream_.below(candidates.size())];
  }

 private:
  RandomStream stream_;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_random(const PolicyParams&, const PolicyContext& context) {
  return std::make_unique<RandomPolicy>(context.stream("policy/placement/random"));
}

}  // namespace meridian::policy
