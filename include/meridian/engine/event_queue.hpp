#pragma once
/// The pending-event set: 4-ary min-heaps of small records in contiguous vectors.
/// Events are totally ordered by (time, phase, sequence): at one instant, lower phases happen
/// first, and equal phases happen in the order they were scheduled (FIFO).

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "meridian/core/time.hpp"

namespace meridian {

/// One pending event. 24 bytes; the handler is chosen by `kind`, the object by `subject`.
struct Event {
  SimTime time;
  std::uint64_t order;       ///< phase in the top 8 bits, sequence number below
  std::uint32_t subject;     ///< task slot, region index, workload index, ... by kind
  std::uint32_t generation;  ///< must match the subject's generation, else the event is stale

  std::uint8_t phase() const { return static_cast<std::uint8_t>(order >> 56); }
  bool operator<(const Event& other) const {
    return time < other.time || (time == other.time && order < other.order);
  }
};

/// Two heaps under one order. Events of a recurring source (one that always has exactly one
/// event pending: an arrival stream's next arrival) wait in a small heap of their own, the
/// rest in the main one; pop() takes the earlier of the two tops. An arrival is due soon, so
/// in the main heap it would climb to the root and its pop would sift a leaf down the whole
/// depth: on an arrival-driven run that is half of all heap traffic. Apart, it costs a heap
/// of as many entries as there are streams. Both heaps draw sequence numbers from one counter,
/// so the order of events is the same as with a single heap.
class EventQueue {
 public:
  static constexpr int kArity = 4;

  /// Schedules an event; `phase` orders events at the same instant.
  void push(SimTime time, std::uint8_t phase, std::uint32_t subject, std::uint32_t generation = 0) {
    push_into(heap_, time, phase, subject, generation);
  }
  /// Schedules the next event of a recurring source (see the class comment).
  void push_recurring(SimTime time, std::uint8_t phase, std::uint32_t subject, std::uint32_t generation = 0) {
    push_into(recurring_, time, phase, subject, generation);
  }

  bool empty() const { return heap_.empty() && recurring_.empty(); }
  std::size_t size() const { return heap_.size() + recurring_.size(); }
  const Event& top() const { return recurring_first() ? recurring_.front() : heap_.front(); }

  /// Removes and returns the earliest event.
  Event pop() { return recurring_first() ? pop_from(recurring_) : pop_from(heap_); }

  /// The next event's time, if any.
  std::optional<SimTime> next_time() const {
    if (empty()) return std::nullopt;
    return top().time;
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  bool recurring_first() const {
    return !recurring_.empty() && (heap_.empty() || recurring_.front() < heap_.front());
  }

  void push_into(std::vector<Event>& heap, SimTime time, std::uint8_t phase, std::uint32_t subject,
                 std::uint32_t generation) {
    heap.push_back(Event{time, (std::uint64_t{phase} << 56) | next_sequence_++, subject, generation});
    sift_up(heap, heap.size() - 1);
  }

  static Event pop_from(std::vector<Event>& heap) {
    Event first = heap.front();
    const Event last = heap.back();
    heap.pop_back();
    if (!heap.empty()) sift_down(heap, last);
    return first;
  }

  static void sift_up(std::vector<Event>& heap, std::size_t i) {
    const Event moving = heap[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!(moving < heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = moving;
  }

  // Places `moving` (the old last element) starting from the root. Which child is least is
  // data, not pattern: it is found by a branch-free tournament on 128-bit keys (the branch
  // predictor would miss about half of those comparisons).
  static void sift_down(std::vector<Event>& heap, const Event& moving) {
    const std::size_t n = heap.size();
    const Event* h = heap.data();
    std::size_t i = 0;
    for (;;) {
      const std::size_t c = i * kArity + 1;
      std::size_t best;
      if (c + kArity <= n) {
        // The grandchildren are one contiguous run: start loading it while this level is decided.
        const std::size_t grandchildren = c * kArity + 1;
        if (grandchildren < n) {
          const std::size_t bytes = std::min<std::size_t>(kArity * kArity, n - grandchildren) * sizeof(Event);
          for (std::size_t k = 0; k < bytes; k += 64) __builtin_prefetch(reinterpret_cast<const char*>(h + grandchildren) + k);
        }
        const std::size_t a = key(h[c + 1]) < key(h[c]) ? c + 1 : c;
        const std::size_t b = key(h[c + 3]) < key(h[c + 2]) ? c + 3 : c + 2;
        best = key(h[b]) < key(h[a]) ? b : a;
      } else {
        if (c >= n) break;
        best = c;
        for (std::size_t k = c + 1; k < n; ++k) best = key(h[k]) < key(h[best]) ? k : best;
      }
      if (!(key(h[best]) < key(moving))) break;
      heap[i] = heap[best];
      i = best;
    }
    heap[i] = moving;
  }
  // Times are never negative (the loader rejects negative ones; the engine schedules at now or
  // later), so (time, order) as one unsigned 128-bit number orders like operator<.
  static unsigned __int128 key(const Event& e) {
    return static_cast<unsigned __int128>(static_cast<std::uint64_t>(e.time.time_since_epoch().count())) << 64 | e.order;
  }

  std::vector<Event> heap_;
  std::vector<Event> recurring_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace meridian
