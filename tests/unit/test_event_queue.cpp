#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "meridian/core/rng.hpp"
#include "meridian/engine/event_queue.hpp"

using namespace meridian;

TEST_CASE("event queue orders by time, then phase, then scheduling order", "[engine]") {
  EventQueue q;
  q.push(SimTime{SimDuration{10}}, 4, 1);
  q.push(SimTime{SimDuration{10}}, 2, 2);
  q.push(SimTime{SimDuration{5}}, 7, 3);
  q.push(SimTime{SimDuration{10}}, 2, 4);  // same time and phase as subject 2: after it
  q.push(SimTime{SimDuration{10}}, 0, 5);
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().subject);
  CHECK(order == std::vector<std::uint32_t>{3, 5, 2, 4, 1});
}

TEST_CASE("event queue pops in the same order as a stable sort, over random input", "[engine]") {
  RandomStream rng(7, 0, "test/event-queue");
  EventQueue q;
  struct Item {
    std::int64_t time;
    std::uint8_t phase;
    std::uint32_t subject;
  };
  std::vector<Item> items;
  for (std::uint32_t i = 0; i < 20000; ++i) {
    // Few distinct times, so ties in time and phase are common.
    const Item item{static_cast<std::int64_t>(rng.below(300)), static_cast<std::uint8_t>(rng.below(4)), i};
    items.push_back(item);
    q.push(SimTime{SimDuration{item.time}}, item.phase, item.subject);
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.time < b.time || (a.time == b.time && a.phase < b.phase);
  });
  for (const Item& expected : items) {
    REQUIRE(!q.empty());
    const Event e = q.pop();
    REQUIRE(e.subject == expected.subject);
    REQUIRE(e.time.time_since_epoch().count() == expected.time);
  }
  CHECK(q.empty());
}

TEST_CASE("event queue interleaves pushes and pops without losing order", "[engine]") {
  RandomStream rng(3, 0, "test/event-queue-hold");
  EventQueue q;
  for (int i = 0; i < 1000; ++i) q.push(SimTime{SimDuration{static_cast<std::int64_t>(rng.below(1000))}}, 0, i);
  SimTime last{};
  for (int step = 0; step < 50000; ++step) {
    const Event e = q.pop();
    REQUIRE(e.time >= last);  // the hold model never sees time go back
    last = e.time;
    q.push(e.time + SimDuration{static_cast<std::int64_t>(rng.below(1000))}, 0, e.subject);
  }
  CHECK(q.size() == 1000);
}

TEST_CASE("recurring events wait apart yet pop in the same order as with one heap", "[engine]") {
  // Three arrival-like sources, each with one event pending, among ordinary events; ties in time
  // and phase are common. A reference queue gets the same pushes, all ordinary.
  RandomStream rng(11, 0, "test/event-queue-recurring");
  EventQueue split, single;
  auto push = [&](bool recurring, std::int64_t t, std::uint8_t phase, std::uint32_t subject) {
    if (recurring) split.push_recurring(SimTime{SimDuration{t}}, phase, subject);
    else split.push(SimTime{SimDuration{t}}, phase, subject);
    single.push(SimTime{SimDuration{t}}, phase, subject);
  };
  for (std::uint32_t source = 0; source < 3; ++source) push(true, static_cast<std::int64_t>(rng.below(20)), 2, source);
  for (std::uint32_t i = 0; i < 200; ++i) push(false, static_cast<std::int64_t>(rng.below(50)), rng.below(2) ? 2 : 1, 100 + i);
  std::uint32_t next_subject = 1000, recurring_popped = 0;
  for (int step = 0; step < 20000; ++step) {
    REQUIRE(split.size() == single.size());
    REQUIRE(split.top().subject == single.top().subject);
    const Event a = split.pop(), b = single.pop();
    REQUIRE(a.subject == b.subject);
    REQUIRE(a.time == b.time);
    REQUIRE(a.order == b.order);
    const std::int64_t now = a.time.time_since_epoch().count();
    if (a.subject < 3) {  // a source's event: it schedules its next one
      ++recurring_popped;
      push(true, now + static_cast<std::int64_t>(rng.below(5)), 2, a.subject);
    } else {
      push(false, now + static_cast<std::int64_t>(rng.below(50)), rng.below(2) ? 2 : 1, next_subject++);
    }
  }
  CHECK(recurring_popped > 2000);  // the sources really interleaved with the rest
  CHECK(split.size() == 203);
}
