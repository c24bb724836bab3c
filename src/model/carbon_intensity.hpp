#pragma once
// Grid carbon intensity of a region over time: a constant or an hourly UTC series. Outside the
// series' span the same position within the span is reused (a 2022 year serves 2026), so a
// one-year series covers any start date with its own seasons and daily shape.

#include <cstdint>
#include <vector>

namespace meridian {

class CarbonIntensity {
 public:
  struct Point {
    std::int64_t unix_seconds;
    double g_per_kwh;
  };

  CarbonIntensity() = default;
  explicit CarbonIntensity(double constant) : constant_(constant) {}
  /// `hourly` must be sorted by time and non-empty.
  explicit CarbonIntensity(std::vector<Point> hourly);

  bool is_constant() const { return hourly_.empty(); }
  /// Intensity (g/kWh) in force at the instant.
  double at(std::int64_t unix_seconds) const;
  /// The next instant after `unix_seconds` at which the intensity may change (for integration).
  std::int64_t next_change(std::int64_t unix_seconds) const;

 private:
  std::int64_t wrap(std::int64_t unix_seconds) const;

  double constant_ = 0.0;
  std::vector<Point> hourly_;
  std::int64_t span_ = 0;  // first to last sample plus one hour
};

}  // namespace meridian
