#pragma once
// Routes between regions: the lowest-latency path over the scenario's links, computed once
// with Boost.Graph (Dijkstra from every region) and sealed before the run. Boost stays in the
// .cpp; the run only reads the precomputed matrices.

#include <cstdint>
#include <vector>

#include "meridian/core/ids.hpp"
#include "meridian/core/time.hpp"

namespace meridian {

/// One directed hop of a route (an undirected link gives two).
struct LinkHop {
  RegionIndex from = 0;
  RegionIndex to = 0;
  SimDuration latency{};
  double bandwidth_bps = 0.0;  ///< 0 means unlimited
  std::uint32_t link = 0;      ///< index of the scenario link it belongs to
};

/// All-pairs lowest-latency routes, with each route's latency and bottleneck bandwidth.
class Topology {
 public:
  Topology() = default;
  /// Routes over `hops`. When `link_usable` is given, hops of links marked 0 (cut) carry no
  /// route, but keep their index, so hop indices stay valid as channel ids across re-routing.
  Topology(std::size_t region_count, std::vector<LinkHop> hops, const std::vector<char>* link_usable = nullptr);

  std::size_t region_count() const { return n_; }
  bool reachable(RegionIndex from, RegionIndex to) const { return latency_[at(from, to)] != kUnreachable; }
  /// One-way latency of the route; zero within a region.
  SimDuration latency(RegionIndex from, RegionIndex to) const {
    const SimDuration l = latency_[at(from, to)];
    return l == kUnreachable ? SimDuration::zero() : l;
  }
  /// Smallest bandwidth along the route, bits/s; 0 means unlimited (or same region).
  double bottleneck_bps(RegionIndex from, RegionIndex to) const { return routes_[at(from, to)].bottleneck_bps; }
  /// Latency plus the time to push `bytes` through the bottleneck.
  SimDuration transfer_time(RegionIndex from, RegionIndex to, double bytes) const;
  /// Appends the hops of the route from -> to, in order.
  void route(RegionIndex from, RegionIndex to, std::vector<const LinkHop*>& out) const;
  /// Appends the indices (into hops()) of the route from -> to, in order.
  void route_hops(RegionIndex from, RegionIndex to, std::vector<std::uint32_t>& out) const;
  const std::vector<LinkHop>& hops() const { return hops_; }

 private:
  std::size_t at(RegionIndex from, RegionIndex to) const { return std::size_t{from} * n_ + to; }
  /// Calls visit(hop index) for the route's hops from its last back to its first.
  template <class Visit>
  void walk_back(RegionIndex from, RegionIndex to, Visit visit) const {
    for (RegionIndex at_region = to; at_region != from;) {
      const std::uint32_t h = routes_[at(from, at_region)].last_hop;
      if (h == kNoRoute) break;
      visit(h);
      at_region = hops_[h].from;
    }
  }
  static constexpr std::uint32_t kNoRoute = 0xffffffffU;
  static constexpr SimDuration kUnreachable = SimDuration::min();

  std::size_t n_ = 0;
  std::vector<LinkHop> hops_;
  // What every message reads, reachability and latency, is one 8-byte matrix (kUnreachable
  // where there is no route): with hundreds of regions the tables outgrow the cache and each
  // lookup is a miss, so the rest of a route, read only for bytes that take bandwidth, is apart.
  std::vector<SimDuration> latency_;  // [from * n + to]
  struct Route {
    double bottleneck_bps = 0.0;
    std::uint32_t last_hop = kNoRoute;  // hop index arriving at `to` on the route from `from`
    std::uint32_t hop_count = 0;        // 0 when unreachable (or same region)
  };
  std::vector<Route> routes_;  // [from * n + to]
};

/// Great-circle distance in km between two points given in degrees (haversine).
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

/// SPEC default link latency: distance / (200 km/ms) * 1.5 route factor.
SimDuration latency_from_distance_km(double km);

}  // namespace meridian
