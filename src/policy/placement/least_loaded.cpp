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
    const auto score = [&](RegionIndex r) {
      return committed_fraction(task, world.region(r), observed_load(world, task, r));
    };
    // A few candidates are scanned faster than a tree is kept up to date (same answer).
    if (candidates.size() > kScanUpTo)
      if (const auto best = index_.lowest(world, candidates, demanded_resources(task), score)) return best->region;
    return lowest(candidates, score);
  }

 private:
  static constexpr std::size_t kScanUpTo = 16;
  LowestScoreIndex<std::uint32_t> index_;  // by the resources demanded
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_least_loaded(const PolicyParams&, const PolicyContext&) {
  return std::make_unique<LeastLoadedPolicy>();
}

}  // namespace meridian::policy
