// `latency-spill` (load balancer): the nearest allowed region whose expected queueing delay (its
// queued and incoming work over its capacity) is at most `max_wait`; when the nearest is past
// it, the next nearest, and so on. If every region is past it, the nearest: spilling then would
// add transfer time without escaping a queue. This is the "spill over" of global load balancers
// that serve locally until a backend is full (e.g. Google Cloud's waterfall by region).
#include <memory>
#include <utility>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class LatencySpillPolicy final : public PlacementPolicy {
 public:
  explicit LatencySpillPolicy(double max_wait_s) : max_wait_s_(max_wait_s) {}

  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    // (over the threshold, latency): the nearest among those under it, else the nearest of all.
    return lowest(candidates, [&](RegionIndex r) {
      const bool full = expected_wait_seconds(task, world.region(r), observed_load(world, task, r)) > max_wait_s_;
      return std::pair{full, world.latency(task.origin, r)};
    });
  }

 private:
  double max_wait_s_;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_latency_spill(const PolicyParams& params, const PolicyContext&) {
  return std::make_unique<LatencySpillPolicy>(to_seconds(params.duration("max_wait")));
}

}  // namespace meridian::policy
