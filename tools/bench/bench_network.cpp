// FlowNetwork cost per flow event: N flows stay in flight; each step removes a random one and
// starts another (one "event" = remove + start + take_changed, as the engine would do them).
//   BM_NetworkMesh: 9 regions in a partial mesh (20 links, 40 channels of 1-100 Gbps), each
//     flow on a random route of 1-3 hops.
//   BM_NetworkSharedBottleneck: the same routes behind one 1 Gbps channel every flow crosses,
//     so every event reallocates all N flows (one component, every share moves).
#include <benchmark/benchmark.h>

#include <array>
#include <utility>
#include <vector>

#include "meridian/core/rng.hpp"
#include "network/flow_network.hpp"

namespace {

using meridian::ChannelIndex;
using meridian::FlowId;
using meridian::FlowNetwork;
using meridian::RandomStream;
using meridian::SimDuration;
using meridian::SimTime;

constexpr int kRegions = 9;
// A ring plus chords: every region has 3-6 neighbours, as in a continental backbone.
constexpr std::array<std::pair<int, int>, 20> kLinks = {{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7},
                                                         {7, 8}, {8, 0}, {0, 2}, {0, 4}, {1, 5}, {1, 7}, {2, 6},
                                                         {3, 7}, {3, 8}, {4, 8}, {5, 8}, {6, 0}, {2, 4}}};
constexpr std::array<double, 6> kLinkGbps = {1, 10, 25, 40, 100, 10};
constexpr double kFlowBytes = 1e12;  // nothing drains during the run (80 s at 100 Gbps), and no drain is kNever
constexpr std::size_t kRoutePool = 1 << 12;

struct Topology {
  std::vector<double> capacity_bps;
  std::vector<std::vector<ChannelIndex>> routes;
};

// Channel 2l goes along link l, 2l+1 back. Routes are random walks of 1-3 hops that do not
// revisit a region, drawn up front so the RNG is not part of what is measured.
Topology make_topology(bool shared_bottleneck) {
  Topology topology;
  std::vector<std::vector<std::pair<int, ChannelIndex>>> out_links(kRegions);
  for (std::size_t l = 0; l < kLinks.size(); ++l) {
    const double bps = kLinkGbps[l % kLinkGbps.size()] * 1e9;
    topology.capacity_bps.push_back(bps);
    topology.capacity_bps.push_back(bps);
    out_links[kLinks[l].first].push_back({kLinks[l].second, static_cast<ChannelIndex>(2 * l)});
    out_links[kLinks[l].second].push_back({kLinks[l].first, static_cast<ChannelIndex>(2 * l + 1)});
  }
  const auto bottleneck = static_cast<ChannelIndex>(topology.capacity_bps.size());
  if (shared_bottleneck) topology.capacity_bps.push_back(1e9);

  RandomStream rng(5, 0, "bench/network-routes");
  for (std::size_t r = 0; r < kRoutePool; ++r) {
    std::vector<ChannelIndex> route;
    if (shared_bottleneck) route.push_back(bottleneck);
    int at = static_cast<int>(rng.below(kRegions));
    std::vector<bool> seen(kRegions, false);
    seen[at] = true;
    const auto hops = 1 + rng.below(3);
    for (std::uint64_t h = 0; h < hops; ++h) {
      std::vector<std::pair<int, ChannelIndex>> next;
      for (const auto& step : out_links[at])
        if (!seen[step.first]) next.push_back(step);
      if (next.empty()) break;
      const auto [to, channel] = next[rng.below(next.size())];
      route.push_back(channel);
      seen[to] = true;
      at = to;
    }
    topology.routes.push_back(std::move(route));
  }
  return topology;
}

void run_flow_events(benchmark::State& state, bool shared_bottleneck) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Topology topology = make_topology(shared_bottleneck);
  RandomStream rng(9, 0, "bench/network-events");
  std::vector<std::uint32_t> victims(kRoutePool);
  for (auto& v : victims) v = static_cast<std::uint32_t>(rng.below(n));

  FlowNetwork network(topology.capacity_bps);
  SimTime now{};
  std::vector<FlowId> in_flight;
  for (std::size_t i = 0; i < n; ++i)
    in_flight.push_back(network.start(now, topology.routes[i % kRoutePool], kFlowBytes));
  std::vector<FlowId> changed;
  network.take_changed(changed);

  std::size_t k = 0;
  std::uint64_t rescheduled = 0;
  for (auto _ : state) {
    now += SimDuration{1000};
    FlowId& slot = in_flight[victims[k % kRoutePool]];
    network.remove(now, slot);
    slot = network.start(now, topology.routes[(k * 7 + 3) % kRoutePool], kFlowBytes);
    network.take_changed(changed);
    rescheduled += changed.size();
    ++k;
  }
  state.SetItemsProcessed(state.iterations());
  // How many drain times an event moves: what the engine would have to reschedule.
  state.counters["changed_per_event"] =
      benchmark::Counter(static_cast<double>(rescheduled), benchmark::Counter::kAvgIterations);
}

void BM_NetworkMesh(benchmark::State& state) { run_flow_events(state, false); }
void BM_NetworkSharedBottleneck(benchmark::State& state) { run_flow_events(state, true); }

}  // namespace

BENCHMARK(BM_NetworkMesh)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);
BENCHMARK(BM_NetworkSharedBottleneck)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);
