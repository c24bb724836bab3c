#pragma once
/// Amounts of the named resource pools (gpu, cpu, ...), as a fixed-size vector so that a task's
/// demand and a region's free capacity are compared without allocation.

#include <array>
#include <cstddef>
#include <cstdint>

namespace meridian {

/// How many distinct resource names one scenario may use.
inline constexpr std::size_t kMaxResources = 8;

/// Whole units of each resource, indexed by the world's resource index.
struct ResourceVector {
  std::array<std::int64_t, kMaxResources> units{};

  std::int64_t& operator[](std::size_t r) { return units[r]; }
  std::int64_t operator[](std::size_t r) const { return units[r]; }

  /// True when every component of `demand` is at most this one.
  bool covers(const ResourceVector& demand) const {
    for (std::size_t r = 0; r < kMaxResources; ++r)
      if (demand.units[r] > units[r]) return false;
    return true;
  }
  ResourceVector& operator+=(const ResourceVector& other) {
    for (std::size_t r = 0; r < kMaxResources; ++r) units[r] += other.units[r];
    return *this;
  }
  ResourceVector& operator-=(const ResourceVector& other) {
    for (std::size_t r = 0; r < kMaxResources; ++r) units[r] -= other.units[r];
    return *this;
  }
  bool operator==(const ResourceVector&) const = default;
};

}  // namespace meridian
