// Hold model (Jones 1986): a queue of N pending events; each step pops the earliest and pushes
// one at a random later time. Compares the engine's EventQueue with bare heaps over the same
// 24-byte records, so the ratio shows what the engine's ordering (phase, FIFO sequence) costs.
#include <benchmark/benchmark.h>

#include <queue>
#include <vector>

#include "meridian/core/rng.hpp"
#include "meridian/engine/event_queue.hpp"

namespace {
using meridian::Event;
using meridian::EventQueue;
using meridian::RandomStream;
using meridian::SimDuration;
using meridian::SimTime;

// Exponential increments drawn up front, so the RNG is not part of what is measured.
std::vector<SimDuration> increments(std::size_t n) {
  RandomStream rng(1, 0, "bench/hold");
  std::vector<SimDuration> out(n);
  for (auto& d : out) d = SimDuration{static_cast<std::int64_t>(rng.exponential(1e6)) + 1};
  return out;
}

void BM_EngineEventQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto steps = increments(1 << 16);
  EventQueue queue;
  queue.reserve(n);
  for (std::size_t i = 0; i < n; ++i) queue.push(SimTime{steps[i & 0xffff]}, 3, static_cast<std::uint32_t>(i));
  std::size_t k = 0;
  for (auto _ : state) {
    const Event e = queue.pop();
    queue.push(e.time + steps[k++ & 0xffff], 3, e.subject);
  }
  state.SetItemsProcessed(state.iterations());
}

struct Later {
  bool operator()(const Event& a, const Event& b) const { return b < a; }
};

void BM_BareBinaryHeap(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto steps = increments(1 << 16);
  std::vector<Event> storage;
  storage.reserve(n + 1);
  std::priority_queue<Event, std::vector<Event>, Later> queue(Later{}, std::move(storage));
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < n; ++i)
    queue.push(Event{SimTime{steps[i & 0xffff]}, sequence++, static_cast<std::uint32_t>(i), 0});
  std::size_t k = 0;
  for (auto _ : state) {
    const Event e = queue.top();
    queue.pop();
    queue.push(Event{e.time + steps[k++ & 0xffff], sequence++, e.subject, 0});
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_EngineEventQueue)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_BareBinaryHeap)->Arg(1000)->Arg(100000)->Arg(1000000);
