#pragma once
// Time integrals of one region. Power, cost and carbon are linear in what is allocated:
//   power = pue * sum_r W_r (idle * capacity_r + (1 - idle) * allocated_r)   while up,
// so the engine's hot path (advance, called at every allocation change) only accumulates busy
// unit-seconds, up time and, for an hourly carbon series, the same weighted by intensity;
// energy, cost and carbon follow exactly from those at the end (totals()).

#include <array>
#include <cstddef>

#include "meridian/core/time.hpp"
#include "meridian/model/region.hpp"
#include "model/carbon_intensity.hpp"

namespace meridian {

/// What a region used over a span of time.
struct MeterTotals {
  std::array<double, kMaxResources> busy_unit_seconds{};
  double up_seconds = 0.0;
  double energy_kwh = 0.0;
  double carbon_kg = 0.0;
  double compute_cost_usd = 0.0;
};

class RegionMeter {
 public:
  RegionMeter(const RegionInfo& info, const CarbonIntensity& carbon, std::int64_t start_unix_seconds,
              std::size_t resource_count)
      : info_(&info), carbon_(&carbon), start_unix_(start_unix_seconds), resources_(resource_count) {}

  /// Integrates from the last call to `now` with the state in force since then.
  void advance(SimTime now, const ResourceVector& allocated, bool up);

  /// Power drawn now, kW, including idle units and PUE; zero while down.
  double power_kw(const ResourceVector& allocated, bool up) const;
  /// Compute dollars per hour for what is allocated now.
  double cost_per_hour(const ResourceVector& allocated) const;
  double carbon_g_per_kwh(SimTime now) const;

  /// Everything since time 0, up to the last advance().
  MeterTotals totals() const;

 private:
  // Raw integrals; `intensity_*` are weighted by g/kWh and kept only for an hourly series.
  struct Integrals {
    std::array<double, kMaxResources> busy{};            // unit-seconds
    std::array<double, kMaxResources> busy_intensity{};  // unit-seconds x g/kWh
    double up = 0.0;                                     // seconds
    double up_intensity = 0.0;                           // seconds x g/kWh
  };

  const RegionInfo* info_;
  const CarbonIntensity* carbon_;
  std::int64_t start_unix_;
  std::size_t resources_;
  SimTime last_{};
  Integrals sums_;
};

/// Totals of `later` minus those of `earlier` (e.g. since the warm-up).
MeterTotals operator-(const MeterTotals& later, const MeterTotals& earlier);

}  // namespace meridian
