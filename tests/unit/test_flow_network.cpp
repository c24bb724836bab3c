// FlowNetwork: max-min fair sharing, lazy settlement, drain times and change reporting. The
// expected values are computed by hand in the comments; the last test cross-checks the
// incremental reallocation against a from-scratch progressive filling written here.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "meridian/core/rng.hpp"
#include "network/flow_network.hpp"

using namespace meridian;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kGbps = 1e9;

SimTime at_ms(std::int64_t ms) { return SimTime{std::chrono::milliseconds{ms}}; }

std::vector<ChannelIndex> route(std::initializer_list<ChannelIndex> channels) { return channels; }

}  // namespace

TEST_CASE("one flow on one channel drains at bytes*8/capacity", "[network]") {
  FlowNetwork net({8 * kGbps});
  const FlowId f = net.start(at_ms(0), route({0}), 1e9);
  // 1e9 bytes = 8e9 bits at 8e9 bits/s: exactly one second.
  CHECK(net.drain_time(f) == SimTime{kSecond});
  CHECK(net.rate_bps(f) == 8 * kGbps);
  CHECK(net.take_changed() == std::vector<FlowId>{f});
  CHECK(net.take_changed().empty());  // taking clears
  CHECK(net.remaining_bytes(at_ms(250), f) == Approx(7.5e8));
  CHECK(net.channel_bytes(at_ms(250), 0) == Approx(2.5e8));
  CHECK(net.remove(at_ms(1000), f) == Approx(1e9));
  CHECK(net.active_flows() == 0);
  CHECK(net.channel_bytes(at_ms(1000), 0) == Approx(1e9));
}

TEST_CASE("a drain time is rounded up to the nanosecond, and the channel counts what crossed", "[network]") {
  FlowNetwork net({3 * kGbps});
  const FlowId f = net.start(at_ms(0), route({0}), 1000.0);
  // 8000 bits at 3e9 bits/s take 2666.67 ns: the flow has drained at 2667 ns, not before.
  const SimTime drain{SimDuration{2667}};
  CHECK(net.drain_time(f) == drain);
  CHECK(net.remaining_bytes(drain - SimDuration{1}, f) > 0.0);
  CHECK(net.remaining_bytes(drain, f) == 0.0);
  // 3e9 bits/s x 2667 ns would count 1000.125 bytes; the channel records the 1000 that moved.
  CHECK(net.remove(drain, f) == 1000.0);
  CHECK(net.channel_bytes(drain, 0) == Approx(1000.0).epsilon(1e-9));
}

TEST_CASE("two flows share a channel, and the survivor speeds up when the first leaves", "[network]") {
  FlowNetwork net({8 * kGbps});
  const FlowId a = net.start(at_ms(0), route({0}), 1e9);
  const FlowId b = net.start(at_ms(0), route({0}), 3e9);
  // Each gets 4 Gbps = 5e8 B/s: a drains at 2 s, b would at 6 s.
  CHECK(net.rate_bps(a) == 4 * kGbps);
  CHECK(net.rate_bps(b) == 4 * kGbps);
  CHECK(net.drain_time(a) == SimTime{2 * kSecond});
  CHECK(net.drain_time(b) == SimTime{6 * kSecond});
  CHECK(net.take_changed() == std::vector<FlowId>{a, b});
  CHECK(net.channel_load_bps(0) == 8 * kGbps);

  const std::uint32_t b_generation = net.generation(b);
  CHECK(net.remove(at_ms(2000), a) == Approx(1e9));
  // At 2 s b has moved 1e9 of 3e9; the remaining 2e9 go at 8 Gbps = 1e9 B/s: 2 s more.
  CHECK(net.rate_bps(b) == 8 * kGbps);
  CHECK(net.remaining_bytes(at_ms(2000), b) == Approx(2e9));
  CHECK(net.drain_time(b) == SimTime{4 * kSecond});
  CHECK(net.generation(b) == b_generation + 1);
  CHECK(net.take_changed() == std::vector<FlowId>{b});
  CHECK(net.remove(at_ms(4000), b) == Approx(3e9));
  CHECK(net.channel_bytes(at_ms(4000), 0) == Approx(4e9));
}

TEST_CASE("max-min fairness: the classic three-flow example", "[network]") {
  // A = 1 Gbps carries f0 and f1: 0.5 each, the smallest share, so A saturates first.
  // B = 2 Gbps carries f0 (frozen at 0.5) and f2, which gets the other 1.5.
  FlowNetwork net({1 * kGbps, 2 * kGbps});
  const FlowId f0 = net.start(at_ms(0), route({0, 1}), 1e12);
  const FlowId f1 = net.start(at_ms(0), route({0}), 1e12);
  const FlowId f2 = net.start(at_ms(0), route({1}), 1e12);
  CHECK(net.rate_bps(f0) == Approx(0.5 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(f1) == Approx(0.5 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(f2) == Approx(1.5 * kGbps).epsilon(1e-12));
  CHECK(net.channel_load_bps(0) == Approx(1 * kGbps));
  CHECK(net.channel_load_bps(1) == Approx(2 * kGbps));
  std::vector<FlowId> on_b(net.flows_on(1).begin(), net.flows_on(1).end());
  std::sort(on_b.begin(), on_b.end());
  CHECK(on_b == std::vector<FlowId>{f0, f2});
}

TEST_CASE("max-min fairness: the long flow is held by its smaller link, another by a third link", "[network]") {
  // X = 3 Gbps: long, x1, x2.  Y = 10 Gbps: long, y.  Z = 12 Gbps: y, z.
  // Initial shares: X 1, Y 5, Z 6. X saturates: long, x1, x2 frozen at 1 Gbps; Y now offers
  // 9 to y alone, but Z offers 6, so Z saturates next: y and z at 6 Gbps. Y ends at 7 of 10.
  const ChannelIndex X = 0, Y = 1, Z = 2;
  FlowNetwork net({3 * kGbps, 10 * kGbps, 12 * kGbps});
  const FlowId lng = net.start(at_ms(0), route({X, Y}), 1e12);
  const FlowId x1 = net.start(at_ms(0), route({X}), 1e12);
  const FlowId x2 = net.start(at_ms(0), route({X}), 1e12);
  const FlowId y = net.start(at_ms(0), route({Y, Z}), 1e12);
  const FlowId z = net.start(at_ms(0), route({Z}), 1e12);
  CHECK(net.rate_bps(lng) == Approx(1 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(x1) == Approx(1 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(x2) == Approx(1 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(y) == Approx(6 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(z) == Approx(6 * kGbps).epsilon(1e-12));
  CHECK(net.channel_load_bps(Y) == Approx(7 * kGbps).epsilon(1e-12));

  // When x1 and x2 leave, X offers 3 to the long flow, still under Y's 10 - 6 = 4.
  net.remove(at_ms(10), x1);
  net.remove(at_ms(10), x2);
  CHECK(net.rate_bps(lng) == Approx(3 * kGbps).epsilon(1e-12));
  CHECK(net.rate_bps(y) == Approx(6 * kGbps).epsilon(1e-12));
}

TEST_CASE("degradation mid-transfer reschedules the drain", "[network]") {
  FlowNetwork net({8 * kGbps});
  const FlowId f = net.start(at_ms(0), route({0}), 1e9);
  net.take_changed();
  const std::uint32_t generation = net.generation(f);
  // At 0.5 s, 5e8 bytes are left; at 4 Gbps = 5e8 B/s they take 1 s more: drain at 1.5 s.
  net.set_capacity(at_ms(500), 0, 4 * kGbps);
  CHECK(net.rate_bps(f) == 4 * kGbps);
  CHECK(net.remaining_bytes(at_ms(500), f) == Approx(5e8));
  CHECK(net.drain_time(f) == at_ms(1500));
  CHECK(net.generation(f) == generation + 1);
  CHECK(net.take_changed() == std::vector<FlowId>{f});
  CHECK(net.channel_bytes(at_ms(1500), 0) == Approx(1e9));

  // Setting the same capacity again changes nothing.
  net.set_capacity(at_ms(600), 0, 4 * kGbps);
  CHECK(net.generation(f) == generation + 1);
  CHECK(net.take_changed().empty());
}

TEST_CASE("a cut stops a flow; a reroute finishes it on another channel", "[network]") {
  const ChannelIndex A = 0, B = 1;
  FlowNetwork net({8 * kGbps, 2 * kGbps});
  const FlowId f = net.start(at_ms(0), route({A}), 1e9);
  // At 0.25 s, 2.5e8 bytes have crossed A; the cut freezes the other 7.5e8.
  net.set_capacity(at_ms(250), A, 0.0);
  CHECK(net.rate_bps(f) == 0.0);
  CHECK(net.drain_time(f) == kNever);
  CHECK(net.remaining_bytes(at_ms(900), f) == Approx(7.5e8));
  CHECK(net.channel_load_bps(A) == 0.0);
  CHECK(net.take_changed() == std::vector<FlowId>{f});

  // At 1 s it moves to B: 7.5e8 bytes at 2 Gbps = 2.5e8 B/s take 3 s, so it drains at 4 s.
  net.reroute(at_ms(1000), f, route({B}));
  CHECK(net.rate_bps(f) == 2 * kGbps);
  CHECK(net.drain_time(f) == at_ms(4000));
  CHECK(net.take_changed() == std::vector<FlowId>{f});
  CHECK(net.flows_on(A).empty());
  CHECK(net.flows_on(B).size() == 1);
  CHECK(net.remove(at_ms(4000), f) == Approx(1e9));
  CHECK(net.channel_bytes(at_ms(4000), A) == Approx(2.5e8));
  CHECK(net.channel_bytes(at_ms(4000), B) == Approx(7.5e8));
  CHECK(net.channel_bytes(at_ms(4000), A) + net.channel_bytes(at_ms(4000), B) == Approx(1e9));
}

TEST_CASE("unlimited channels, zero-byte flows, id reuse and component isolation", "[network]") {
  SECTION("an unlimited channel never constrains") {
    const ChannelIndex U = 0, L = 1;
    FlowNetwork net({kInf, 8 * kGbps});
    const FlowId only_unlimited = net.start(at_ms(100), route({U}), 1e9);
    CHECK(std::isinf(net.rate_bps(only_unlimited)));
    CHECK(net.drain_time(only_unlimited) == at_ms(100));
    CHECK(net.channel_bytes(at_ms(100), U) == Approx(1e9));  // moved at once
    const FlowId mixed = net.start(at_ms(100), route({U, L}), 1e9);
    CHECK(net.rate_bps(mixed) == 8 * kGbps);  // unaffected by the flow sharing U
    CHECK(net.drain_time(mixed) == at_ms(1100));
    CHECK(net.remove(at_ms(100), only_unlimited) == Approx(1e9));
    CHECK(net.rate_bps(mixed) == 8 * kGbps);
  }

  SECTION("a channel made unlimited releases its flows") {
    FlowNetwork net({1 * kGbps, 4 * kGbps});
    const FlowId a = net.start(at_ms(0), route({0, 1}), 1e12);
    const FlowId b = net.start(at_ms(0), route({0}), 1e12);
    CHECK(net.rate_bps(a) == Approx(0.5 * kGbps));
    // Unlimited, channel 0 leaves a to channel 1 alone, and b to nothing: b drains at once.
    net.set_capacity(at_ms(100), 0, kInf);
    CHECK(net.rate_bps(a) == Approx(4 * kGbps));
    CHECK(std::isinf(net.rate_bps(b)));
    CHECK(net.drain_time(b) == at_ms(100));
    CHECK(net.remove(at_ms(100), b) == Approx(1e12));
    // Limited again at 2 Gbps: a alone on it gets 2, below channel 1's 4.
    net.set_capacity(at_ms(100), 0, 2 * kGbps);
    CHECK(net.rate_bps(a) == Approx(2 * kGbps));
  }

  SECTION("zero-byte flows drain at once and take no bandwidth") {
    FlowNetwork net({8 * kGbps});
    const FlowId big = net.start(at_ms(0), route({0}), 1e9);
    net.take_changed();
    const std::uint32_t big_generation = net.generation(big);
    const FlowId empty = net.start(at_ms(300), route({0}), 0.0);
    CHECK(net.drain_time(empty) == at_ms(300));
    CHECK(net.rate_bps(big) == 8 * kGbps);
    CHECK(net.generation(big) == big_generation);
    CHECK(net.take_changed() == std::vector<FlowId>{empty});
    CHECK(net.remove(at_ms(300), empty) == 0.0);
    CHECK(net.generation(big) == big_generation);
    CHECK(net.drain_time(big) == at_ms(1000));

    const FlowId pathless_empty = net.start(at_ms(400), {}, 0.0);
    CHECK(net.drain_time(pathless_empty) == at_ms(400));
    const FlowId pathless = net.start(at_ms(400), {}, 5.0);
    CHECK(net.rate_bps(pathless) == 0.0);
    CHECK(net.drain_time(pathless) == kNever);
  }

  SECTION("a path crossing a channel twice uses it twice") {
    FlowNetwork net({8 * kGbps, 8 * kGbps});
    const FlowId loop = net.start(at_ms(0), route({0, 1, 0}), 1e9);
    const FlowId other = net.start(at_ms(0), route({0}), 1e9);
    // Channel 0 has three crossings: 8/3 Gbps each, the loop using 16/3 of it.
    CHECK(net.rate_bps(loop) == Approx(8 * kGbps / 3));
    CHECK(net.rate_bps(other) == Approx(8 * kGbps / 3));
    CHECK(net.flows_on(0).size() == 3);
    net.remove(at_ms(0), loop);
    CHECK(net.flows_on(0).size() == 1);
    CHECK(net.flows_on(1).empty());
    CHECK(net.rate_bps(other) == 8 * kGbps);
  }

  SECTION("a drain beyond the clock's range is kNever") {
    FlowNetwork net({1.0});  // 1 bit/s
    const FlowId f = net.start(at_ms(0), route({0}), 1e18);
    CHECK(net.rate_bps(f) == 1.0);
    CHECK(net.drain_time(f) == kNever);
  }

  SECTION("ids are reused, with a generation past the previous owner's") {
    FlowNetwork net({8 * kGbps});
    const FlowId a = net.start(at_ms(0), route({0}), 1e9);
    const FlowId b = net.start(at_ms(0), route({0}), 1e9);
    const std::uint32_t a_generation = net.generation(a);
    net.remove(at_ms(10), a);
    net.take_changed();
    const FlowId c = net.start(at_ms(10), route({0}), 1e9);
    CHECK(c == a);
    CHECK(net.generation(c) > a_generation);
    CHECK(net.active_flows() == 2);
    CHECK(net.take_changed() == std::vector<FlowId>{std::min(b, c), std::max(b, c)});
    // A flow removed before anyone took its change is not reported.
    const FlowId d = net.start(at_ms(20), route({0}), 1e9);
    net.remove(at_ms(20), d);
    const std::vector<FlowId> changed = net.take_changed();
    CHECK(std::find(changed.begin(), changed.end(), d) == changed.end());
    CHECK_THROWS_AS(net.drain_time(d), std::invalid_argument);
  }

  SECTION("a change in one component leaves the other alone") {
    // Channels 0 and 1 are only linked through the unlimited channel 2, which does not count.
    FlowNetwork net({8 * kGbps, 8 * kGbps, kInf});
    const FlowId left = net.start(at_ms(0), route({0, 2}), 1e12);
    const FlowId right = net.start(at_ms(0), route({1, 2}), 1e12);
    net.take_changed();
    const std::uint32_t right_generation = net.generation(right);
    const SimTime right_drain = net.drain_time(right);

    const FlowId other = net.start(at_ms(5), route({0}), 1e12);
    net.set_capacity(at_ms(6), 0, 2 * kGbps);
    net.reroute(at_ms(7), other, route({0, 2}));
    net.remove(at_ms(8), left);
    CHECK(net.rate_bps(other) == 2 * kGbps);
    CHECK(net.generation(right) == right_generation);
    CHECK(net.drain_time(right) == right_drain);
    const std::vector<FlowId> changed = net.take_changed();
    CHECK(std::find(changed.begin(), changed.end(), right) == changed.end());
    CHECK(std::find(changed.begin(), changed.end(), other) != changed.end());
  }
}

namespace {

// Progressive filling from scratch, straight from the definition: O(flows x channels) per
// level. Flows on unlimited channels only get +inf.
std::vector<double> reference_rates(const std::vector<double>& capacity,
                                    const std::vector<std::vector<ChannelIndex>>& paths) {
  const std::size_t n = paths.size();
  std::vector<double> rate(n, kInf);
  std::vector<bool> fixed(n, false);
  std::vector<double> residual = capacity;
  for (;;) {
    // The limited channel whose unfixed flows would get the smallest equal share.
    double best_share = kInf;
    std::size_t best = capacity.size();
    for (std::size_t c = 0; c < capacity.size(); ++c) {
      if (std::isinf(capacity[c])) continue;
      std::size_t count = 0;
      for (std::size_t f = 0; f < n; ++f)
        if (!fixed[f]) count += std::count(paths[f].begin(), paths[f].end(), c);
      if (count == 0) continue;
      const double share = std::max(0.0, residual[c]) / static_cast<double>(count);
      if (share < best_share) {
        best_share = share;
        best = c;
      }
    }
    if (best == capacity.size()) return rate;
    for (std::size_t f = 0; f < n; ++f) {
      if (fixed[f] || std::count(paths[f].begin(), paths[f].end(), best) == 0) continue;
      fixed[f] = true;
      rate[f] = best_share;
      for (const ChannelIndex c : paths[f]) residual[c] -= best_share;
    }
  }
}

bool close(double actual, double expected) {
  if (std::isinf(expected) || expected == 0.0) return actual == expected;
  return std::abs(actual - expected) <= 1e-9 * expected;
}

}  // namespace

TEST_CASE("incremental reallocation matches progressive filling from scratch", "[network]") {
  RandomStream rng(11, 0, "test/flow-network");
  const std::vector<double> capacity_choices = {0.0, 1 * kGbps, 2 * kGbps, 5 * kGbps, 10 * kGbps, 40 * kGbps, kInf};
  constexpr std::size_t kChannels = 5;
  constexpr std::size_t kFlows = 8;

  auto random_capacity = [&] {
    // Mostly finite and positive, so most steps exercise real sharing.
    const std::uint64_t pick = rng.below(10);
    if (pick == 0) return 0.0;
    if (pick == 1) return kInf;
    return capacity_choices[1 + rng.below(capacity_choices.size() - 2)];
  };
  auto random_path = [&] {
    std::vector<ChannelIndex> all(kChannels);
    for (ChannelIndex c = 0; c < kChannels; ++c) all[c] = c;
    for (std::size_t i = kChannels - 1; i > 0; --i) std::swap(all[i], all[rng.below(i + 1)]);
    all.resize(1 + rng.below(3));
    return all;
  };

  for (int network = 0; network < 200; ++network) {
    std::vector<double> capacity(kChannels);
    for (double& c : capacity) c = random_capacity();
    FlowNetwork net(capacity);
    std::int64_t now_ms = 0;

    // What the test believes is in flight, by flow id.
    std::map<FlowId, std::vector<ChannelIndex>> paths;
    // Drain time and generation of each flow before a step; a removed flow leaves it, so an id
    // reused within the step counts as a new flow.
    std::map<FlowId, std::pair<SimTime, std::uint32_t>> before;
    // Occasionally a flow has no bytes, or crosses only unlimited channels: it drains at once.
    auto start_one = [&] {
      const std::vector<ChannelIndex> path = random_path();
      const FlowId f = net.start(at_ms(now_ms), path, rng.below(20) == 0 ? 0.0 : 1e15);
      REQUIRE(paths.count(f) == 0);
      paths[f] = path;
    };
    auto remove_one = [&](FlowId f) {
      net.remove(at_ms(now_ms), f);
      paths.erase(f);
      before.erase(f);
    };
    // As the engine would: flows that drained now are removed now, and replaced.
    auto replace_drained = [&] {
      for (bool again = true; again;) {
        again = false;
        for (const auto& [f, path] : paths) {
          if (net.drain_time(f) > at_ms(now_ms)) continue;
          remove_one(f);
          start_one();
          again = true;
          break;
        }
      }
    };
    for (std::size_t i = 0; i < kFlows; ++i) start_one();
    replace_drained();
    net.take_changed();

    for (int step = 0; step < 40; ++step) {
      now_ms += 1 + static_cast<std::int64_t>(rng.below(50));
      before.clear();
      for (const auto& [f, path] : paths) before[f] = {net.drain_time(f), net.generation(f)};

      auto nth_flow = [&] { return std::next(paths.begin(), static_cast<long>(rng.below(paths.size())))->first; };
      switch (rng.below(4)) {
        case 0:  // a flow is abandoned and another begins
          remove_one(nth_flow());
          start_one();
          break;
        case 1:
        case 2: {
          const ChannelIndex c = static_cast<ChannelIndex>(rng.below(kChannels));
          capacity[c] = random_capacity();
          net.set_capacity(at_ms(now_ms), c, capacity[c]);
          break;
        }
        default: {
          const FlowId f = nth_flow();
          paths[f] = random_path();
          net.reroute(at_ms(now_ms), f, paths[f]);
          break;
        }
      }
      replace_drained();

      std::vector<FlowId> ids;
      std::vector<std::vector<ChannelIndex>> path_list;
      for (const auto& [f, path] : paths) {
        ids.push_back(f);
        path_list.push_back(path);
      }
      const std::vector<double> expected = reference_rates(capacity, path_list);
      std::vector<double> load(kChannels, 0.0);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        INFO("network " << network << " step " << step << " flow " << ids[i]);
        REQUIRE(close(net.rate_bps(ids[i]), expected[i]));
        if (std::isfinite(expected[i]))
          for (const ChannelIndex c : path_list[i]) load[c] += expected[i];
      }

      // Max-min: every moving flow with a finite rate has a saturated channel on its path
      // where no flow gets more than it does (and no channel is over capacity).
      for (ChannelIndex c = 0; c < kChannels; ++c) {
        REQUIRE(load[c] <= capacity[c] * (1 + 1e-9));
        REQUIRE(net.channel_load_bps(c) == Approx(load[c]).epsilon(1e-9).margin(1e-3));
      }
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (std::isinf(expected[i])) continue;
        bool bottlenecked = false;
        for (const ChannelIndex c : path_list[i]) {
          if (std::isinf(capacity[c]) || load[c] < capacity[c] * (1 - 1e-9)) continue;
          bool largest = true;
          for (std::size_t j = 0; j < ids.size(); ++j)
            if (std::count(path_list[j].begin(), path_list[j].end(), c) > 0 && expected[j] > expected[i] * (1 + 1e-9))
              largest = false;
          bottlenecked = bottlenecked || largest;
        }
        INFO("network " << network << " step " << step << " flow " << ids[i]);
        REQUIRE(bottlenecked);
      }

      // take_changed lists the new flows and those whose drain time moved, with a higher
      // generation; every other flow kept its drain time and generation. (A listed flow may be
      // back at its old drain time: a remove and a start in one step can move it and back.)
      const std::vector<FlowId> changed = net.take_changed();
      REQUIRE(std::is_sorted(changed.begin(), changed.end()));
      REQUIRE(std::adjacent_find(changed.begin(), changed.end()) == changed.end());
      for (const FlowId f : changed) REQUIRE(paths.count(f) == 1);
      for (const FlowId f : ids) {
        const bool listed = std::binary_search(changed.begin(), changed.end(), f);
        const auto previous = before.find(f);
        if (previous == before.end()) {
          REQUIRE(listed);
          continue;
        }
        const auto [drain, generation] = previous->second;
        if (listed) {
          REQUIRE(net.generation(f) > generation);
        } else {
          REQUIRE(net.drain_time(f) == drain);
          REQUIRE(net.generation(f) == generation);
        }
      }
    }
  }
}
