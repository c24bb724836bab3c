#include "model/topology.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>

namespace meridian {

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_index_t, std::uint32_t,
                                                    boost::property<boost::edge_weight_t, std::int64_t>>>;
}  // namespace

Topology::Topology(std::size_t region_count, std::vector<LinkHop> hops, const std::vector<char>* link_usable)
    : n_(region_count),
      hops_(std::move(hops)),
      latency_(n_ * n_, kUnreachable),
      routes_(n_ * n_) {
  for (RegionIndex r = 0; r < n_; ++r) latency_[at(r, r)] = SimDuration::zero();
  Graph graph(n_);
  for (std::uint32_t h = 0; h < hops_.size(); ++h) {
    if (link_usable && !(*link_usable)[hops_[h].link]) continue;
    // A zero-latency link would make ties between routes depend on edge order; Dijkstra copes,
    // and equal-latency ties are broken by Boost deterministically for a given input order.
    boost::add_edge(hops_[h].from, hops_[h].to, {h, hops_[h].latency.count()}, graph);
  }
  const auto weight = boost::get(boost::edge_weight, graph);
  auto edge_id = boost::get(boost::edge_index, graph);

  std::vector<std::int64_t> distance(n_);
  std::vector<Graph::vertex_descriptor> predecessor(n_);
  std::vector<std::uint32_t> incoming_hop(n_);
  for (RegionIndex source = 0; source < n_; ++source) {
    std::fill(incoming_hop.begin(), incoming_hop.end(), kNoRoute);
    // Record, for every vertex, which edge last relaxed it: that is the route's final hop.
    struct HopRecorder : boost::default_dijkstra_visitor {
      std::vector<std::uint32_t>* incoming;
      mutable decltype(edge_id) ids;
      void edge_relaxed(Graph::edge_descriptor e, const Graph& g) const {
        (*incoming)[boost::target(e, g)] = boost::get(ids, e);
      }
    } recorder;
    recorder.incoming = &incoming_hop;
    recorder.ids = edge_id;
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::predecessor_map(predecessor.data()).distance_map(distance.data()).weight_map(weight).visitor(recorder));
    for (RegionIndex target = 0; target < n_; ++target) {
      if (target == source || incoming_hop[target] == kNoRoute) continue;
      routes_[at(source, target)].last_hop = incoming_hop[target];
      latency_[at(source, target)] = SimDuration{distance[target]};
    }
    // Bottleneck and hop count follow from the route tree, nearest targets first.
    std::vector<RegionIndex> order;
    for (RegionIndex t = 0; t < n_; ++t)
      if (t != source && incoming_hop[t] != kNoRoute) order.push_back(t);
    std::sort(order.begin(), order.end(), [&](RegionIndex a, RegionIndex b) {
      return distance[a] < distance[b] || (distance[a] == distance[b] && a < b);
    });
    for (const RegionIndex t : order) {
      const LinkHop& hop = hops_[incoming_hop[t]];
      const std::size_t via = at(source, hop.from);
      const double upstream = hop.from == source ? 0.0 : routes_[via].bottleneck_bps;
      const double here = hop.bandwidth_bps;
      routes_[at(source, t)].bottleneck_bps = upstream == 0.0 ? here : (here == 0.0 ? upstream : std::min(upstream, here));
      routes_[at(source, t)].hop_count = (hop.from == source ? 0 : routes_[via].hop_count) + 1;
    }
  }
}

SimDuration Topology::transfer_time(RegionIndex from, RegionIndex to, double bytes) const {
  if (from == to) return SimDuration::zero();
  const double bps = bottleneck_bps(from, to);
  const double seconds = bps > 0.0 ? bytes * 8.0 / bps : 0.0;
  return latency(from, to) + SimDuration{static_cast<std::int64_t>(std::llround(seconds * 1e9))};
}

void Topology::route(RegionIndex from, RegionIndex to, std::vector<const LinkHop*>& out) const {
  const std::size_t first = out.size();
  walk_back(from, to, [&](std::uint32_t h) { out.push_back(&hops_[h]); });
  std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

void Topology::route_hops(RegionIndex from, RegionIndex to, std::vector<std::uint32_t>& out) const {
  const std::size_t first = out.size();
  walk_back(from, to, [&](std::uint32_t h) { out.push_back(h); });
  std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

SimDuration latency_from_distance_km(double km) {
  // Light in fibre covers about 200 km per ms; real routes are about 1.5x the great circle.
  return *duration_from_seconds(km / 200.0 * 1.5 * 1e-3);
}

}  // namespace meridian
