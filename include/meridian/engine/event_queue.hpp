#pragma once
/// The pending-event set: a 4-ary min-heap of small records in one contiguous vector.
/// Events are totally ordered by (time, phase, sequence): at one instant, lower phases happen
/// first, and equal phases happen in the order they were scheduled (FIFO).

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

/// A 4-ary heap: shallower than a binary heap and its four children share a cache line pair.
class EventQueue {
 public:
  static constexpr int kArity = 4;

  /// Schedules an event; `phase` orders events at the same instant.
  void push(SimTime time, std::uint8_t phase, std::uint32_t subject, std::uint32_t generation = 0) {
    heap_.push_back(Event{time, (std::uint64_t{phase} << 56) | next_sequence_++, subject, generation});
    sift_up(heap_.size() - 1);
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }

  /// Removes and returns the earliest event.
  Event pop() {
    Event first = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return first;
  }

  /// The next event's time, if any.
  std::optional<SimTime> next_time() const {
    if (heap_.empty()) return std::nullopt;
    return heap_.front().time;
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  void sift_up(std::size_t i) {
    const Event moving = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!(moving < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Places `moving` (the old last element) starting from the root.
  void sift_down(const Event& moving) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first_child = i * kArity + 1;
      if (first_child >= n) break;
      std::size_t best = first_child;
      const std::size_t end = first_child + kArity < n ? first_child + kArity : n;
      for (std::size_t c = first_child + 1; c < end; ++c)
        if (heap_[c] < heap_[best]) best = c;
      if (!(heap_[best] < moving)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = moving;
  }

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace meridian
