// `data-local` (scheduler): data gravity. A task that reads a dataset runs where a replica is
// unless the wait there costs more than moving the data elsewhere: each allowed region scores
// its expected wait behind pending work plus `transfer_weight` times the expected time to bring
// the input from the nearest replica over the network as it is now (bandwidth shared with the
// flows already in flight). Regions holding a replica pay no transfer. Unlike `latency-aware`,
// which prices a transfer on an idle network, it sees congestion: while the links out of a
// dataset's home are busy, moving more data across them looks as slow as it will be.
#include <memory>

#include "load_measure.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

class DataLocalPolicy final : public PlacementPolicy {
 public:
  explicit DataLocalPolicy(double transfer_weight) : transfer_weight_(transfer_weight) {}

  RegionIndex choose(const Task& task, Candidates candidates, const WorldView& world) override {
    const double bytes = world.input_bytes(task);
    return lowest(candidates, [&](RegionIndex r) {
      const double transfer = to_seconds(world.expected_transfer_time(world.input_source(task, r), r, bytes));
      return transfer_weight_ * transfer + expected_wait_seconds(task, world.region(r), observed_load(world, task, r));
    });
  }

 private:
  double transfer_weight_;
};

}  // namespace

std::unique_ptr<PlacementPolicy> make_data_local(const PolicyParams& params, const PolicyContext&) {
  return std::make_unique<DataLocalPolicy>(params.number("transfer_weight"));
}

}  // namespace meridian::policy
