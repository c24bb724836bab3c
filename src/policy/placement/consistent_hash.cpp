// `consistent-hash` (load balancer): each request carries a key (a user or session; the scenario
// has none, so each request draws one of `keys` uniformly from the policy's own stream) and goes
// to the region owning the first virtual node at or after the key's hash on a ring (Karger et
// al., STOC 1997). Each region has `vnodes` points on the ring, so its share of the keys is about
// 1 / regions, within about 1 / (regions * sqrt(vnodes)).
//
// The ring holds every region and is built once. A region that may not serve this request (down,
// too small, residency) is skipped while walking clockwise, so its keys go to the next region on
// the ring and no other key moves: an outage remaps only the failed region's keys, and they come
// back when it does. Points are hashed from region ids, not indices, so adding a region to a
// scenario moves only the keys the new region takes.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"

namespace meridian::policy {
namespace {

std::uint64_t mix(std::uint64_t x) { return splitmix64(x); }

class ConsistentHashPolicy final : public PlacementPolicy {
 public:
  ConsistentHashPolicy(RandomStream stream, std::uint64_t keys, std::uint32_t vnodes)
      : stream_(stream), keys_(keys), vnodes_(vnodes) {}

  RegionIndex choose(const Task&, Candidates candidates, const WorldView& world) override {
    if (ring_.empty()) build(world);
    const std::uint64_t point = mix(stream_.below(keys_));
    auto it = std::lower_bound(ring_.begin(), ring_.end(), point,
                               [](const Node& node, std::uint64_t p) { return node.point < p; });
    // Every candidate owns nodes, so the walk ends within one turn.
    for (std::size_t step = 0; step < ring_.size(); ++step, ++it) {
      if (it == ring_.end()) it = ring_.begin();
      if (std::binary_search(candidates.begin(), candidates.end(), it->region)) return it->region;
    }
    return candidates.front();
  }

 private:
  struct Node {
    std::uint64_t point;
    RegionIndex region;
  };

  void build(const WorldView& world) {
    ring_.reserve(world.region_count() * vnodes_);
    for (RegionIndex r = 0; r < world.region_count(); ++r) {
      const std::uint64_t base = stable_hash(world.region(r).id);
      for (std::uint32_t v = 0; v < vnodes_; ++v) ring_.push_back({mix(base + v), r});
    }
    // Ties between points (unlikely with 64 bits) are broken by region so the ring is well defined.
    std::sort(ring_.begin(), ring_.end(), [](const Node& a, const Node& b) {
      return a.point != b.point ? a.point < b.point : a.region < b.region;
    });
  }

  RandomStream stream_;
  std::uint64_t keys_;
  std::uint32_t vnodes_;
  std::vector<Node> ring_;  // sorted by point; built on first use, when the regions are known
};

/// A parameter that must be a whole number in [1, most].
std::int64_t integer_in_range(const PolicyParams& params, std::string_view name, std::int64_t most) {
  const std::int64_t value = params.integer(name);
  if (value < 1 || value > most)
    throw InputError(params.raw(name).where, "parameter '" + std::string(name) + "' must be between 1 and " +
                                                 std::to_string(most) + ", not " + std::to_string(value));
  return value;
}

}  // namespace

std::unique_ptr<PlacementPolicy> make_consistent_hash(const PolicyParams& params, const PolicyContext& context) {
  return std::make_unique<ConsistentHashPolicy>(
      context.stream("policy/placement/consistent-hash"),
      static_cast<std::uint64_t>(integer_in_range(params, "keys", 1'000'000'000)),
      static_cast<std::uint32_t>(integer_in_range(params, "vnodes", 10'000)));
}

}  // namespace meridian::policy
