#pragma once
// Time integrals of one region: busy unit-seconds per resource, up time, energy, carbon and
// compute cost. Power and allocation are constant between events, so each integral is exact:
// the engine calls advance(now) before every change; hourly carbon splits at hour boundaries.

#include <array>

#include "meridian/core/time.hpp"
#include "meridian/model/region.hpp"
#include "model/carbon_intensity.hpp"

namespace meridian {

struct MeterTotals {
  std::array<double, kMaxResources> busy_unit_seconds{};
  double up_seconds = 0.0;
  double energy_kwh = 0.0;
  double carbon_kg = 0.0;
  double compute_cost_usd = 0.0;

  MeterTotals operator-(const MeterTotals& earlier) const;
};

class RegionMeter {
 public:
  RegionMeter(const RegionInfo& info, const CarbonIntensity& carbon, std::int64_t start_unix_seconds)
      : info_(&info), carbon_(&carbon), start_unix_(start_unix_seconds) {}

  /// Integrates from the last call to `now` with the state in force since then.
  void advance(SimTime now, const ResourceVector& allocated, bool up);

  /// Power drawn now, kW, including idle units and PUE; zero while down.
  double power_kw(const ResourceVector& allocated, bool up) const;
  /// Compute dollars per hour for what is allocated now.
  double cost_per_hour(const ResourceVector& allocated) const;
  double carbon_g_per_kwh(SimTime now) const;

  const MeterTotals& totals() const { return totals_; }

 private:
  const RegionInfo* info_;
  const CarbonIntensity* carbon_;
  std::int64_t start_unix_;
  SimTime last_{};
  MeterTotals totals_;
};

}  // namespace meridian
