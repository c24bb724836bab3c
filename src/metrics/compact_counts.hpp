#pragma once
// Many counters that are bumped at random, most of them small: a count per (workload, origin,
// serving region) is a cube of R^2 cells per workload that one task at a time touches anywhere.
// At hundreds of regions 64-bit cells make it megabytes, a cache miss per task; 16-bit cells
// make it a quarter of that. A cell that wraps carries 2^16 into a 64-bit twin, allocated at
// the first carry (and touched once per 65,536 increments of that cell).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace meridian {

class CompactCounts {
 public:
  explicit CompactCounts(std::size_t cells) : low_(cells, 0) {}

  void increment(std::size_t cell) {
    if (++low_[cell] != 0) return;
    if (carried_.empty()) carried_.assign(low_.size(), 0);
    carried_[cell] += std::uint64_t{1} << 16;
  }
  std::uint64_t operator[](std::size_t cell) const { return low_[cell] + (carried_.empty() ? 0 : carried_[cell]); }
  std::size_t size() const { return low_.size(); }

 private:
  std::vector<std::uint16_t> low_;
  std::vector<std::uint64_t> carried_;  // multiples of 2^16, empty until a cell first wraps
};

}  // namespace meridian
