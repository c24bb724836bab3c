#include <catch2/catch.hpp>

#include "model/local_clock.hpp"
#include "model/topology.hpp"

using namespace meridian;
using std::chrono::milliseconds;

TEST_CASE("routes take the lowest-latency path and report its bottleneck", "[model]") {
  // 0 -50ms- 1 directly, or 0 -10ms- 2 -15ms- 1 around; 2-1 is the slow link.
  std::vector<LinkHop> hops;
  const auto undirected = [&](RegionIndex a, RegionIndex b, int ms, double gbps, std::uint32_t link) {
    hops.push_back({a, b, milliseconds{ms}, gbps * 1e9, link});
    hops.push_back({b, a, milliseconds{ms}, gbps * 1e9, link});
  };
  undirected(0, 1, 50, 100, 0);
  undirected(0, 2, 10, 100, 1);
  undirected(2, 1, 15, 10, 2);
  hops.push_back({3, 0, milliseconds{5}, 0.0, 3});  // directed, unlimited bandwidth
  const Topology topology(4, hops);

  CHECK(topology.latency(0, 1) == milliseconds{25});
  CHECK(topology.bottleneck_bps(0, 1) == 10e9);
  std::vector<const LinkHop*> route;
  topology.route(0, 1, route);
  REQUIRE(route.size() == 2);
  CHECK(route[0]->link == 1);
  CHECK(route[1]->link == 2);
  // 1.25 GB over 10 Gbps is 1 s, plus 25 ms.
  CHECK(topology.transfer_time(0, 1, 1.25e9) == milliseconds{1025});
  CHECK(topology.transfer_time(1, 1, 1e12) == SimDuration::zero());
  CHECK(topology.reachable(3, 1));
  CHECK(topology.latency(3, 1) == milliseconds{30});
  CHECK_FALSE(topology.reachable(0, 3));  // the 3 -> 0 link is one-way
  CHECK(topology.latency(0, 3) == SimDuration::zero());
}

TEST_CASE("routes of several seconds keep their exact latency", "[model]") {
  // Around 2^32 ns: a latency matrix made smaller than 64 bits must not wrap.
  std::vector<LinkHop> hops;
  hops.push_back({0, 1, SimDuration{4'294'967'293}, 0.0, 0});  // just under the compact limit
  hops.push_back({1, 2, milliseconds{3000}, 0.0, 1});
  const Topology topology(3, hops);
  CHECK(topology.latency(0, 1) == SimDuration{4'294'967'293});
  CHECK(topology.latency(1, 2) == milliseconds{3000});
  CHECK(topology.latency(0, 2) == SimDuration{4'294'967'293} + milliseconds{3000});
  CHECK(topology.reachable(0, 2));
  CHECK_FALSE(topology.reachable(2, 0));
  CHECK(topology.latency(2, 0) == SimDuration::zero());
}

TEST_CASE("default latency follows great-circle distance", "[model]") {
  // Washington DC to London is about 5,900 km.
  const double km = great_circle_km(38.9, -77.0, 51.5, -0.1);
  CHECK(km == Approx(5900).epsilon(0.02));
  CHECK(to_seconds(latency_from_distance_km(km)) == Approx(km / 200.0 * 1.5 / 1000.0));
}

TEST_CASE("local clocks follow the IANA zone, with daylight saving", "[model]") {
  const LocalClock tokyo("Asia/Tokyo");
  const LocalClock new_york("America/New_York");
  constexpr std::int64_t jan5 = 1767571200;  // 2026-01-05T00:00:00Z, a Monday
  constexpr std::int64_t jul1 = 1782864000;  // 2026-07-01T00:00:00Z
  CHECK(tokyo.local_hour(jan5) == Approx(9.0));
  CHECK(tokyo.local_weekday(jan5) == 0);
  CHECK(new_york.utc_offset_seconds(jan5) == -5 * 3600);
  CHECK(new_york.utc_offset_seconds(jul1) == -4 * 3600);
  CHECK(new_york.local_hour(jan5) == Approx(19.0));
  CHECK(new_york.local_weekday(jan5) == 6);  // still Sunday evening there
}
