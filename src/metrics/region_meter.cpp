#include "metrics/region_meter.hpp"

#include <algorithm>
#include <cmath>

namespace meridian {

MeterTotals operator-(const MeterTotals& later, const MeterTotals& earlier) {
  MeterTotals d;
  for (std::size_t r = 0; r < kMaxResources; ++r)
    d.busy_unit_seconds[r] = later.busy_unit_seconds[r] - earlier.busy_unit_seconds[r];
  d.up_seconds = later.up_seconds - earlier.up_seconds;
  d.energy_kwh = later.energy_kwh - earlier.energy_kwh;
  d.carbon_kg = later.carbon_kg - earlier.carbon_kg;
  d.compute_cost_usd = later.compute_cost_usd - earlier.compute_cost_usd;
  return d;
}

double RegionMeter::power_kw(const ResourceVector& allocated, bool up) const {
  if (!up) return 0.0;
  double watts = 0.0;
  for (std::size_t r = 0; r < resources_; ++r) {
    const auto busy = static_cast<double>(allocated[r]);
    const auto idle = static_cast<double>(info_->capacity[r] - allocated[r]);
    watts += info_->watts_per_unit[r] * (busy + info_->idle_fraction * idle);
  }
  return watts * info_->pue / 1000.0;
}

double RegionMeter::cost_per_hour(const ResourceVector& allocated) const {
  double dollars = 0.0;
  for (std::size_t r = 0; r < resources_; ++r)
    dollars += info_->dollars_per_unit_hour[r] * static_cast<double>(allocated[r]);
  return dollars;
}

double RegionMeter::carbon_g_per_kwh(SimTime now) const {
  return carbon_->at(start_unix_ + static_cast<std::int64_t>(std::floor(to_seconds(now))));
}

void RegionMeter::advance(SimTime now, const ResourceVector& allocated, bool up) {
  if (now <= last_) return;
  const double seconds = to_seconds(now - last_);
  for (std::size_t r = 0; r < resources_; ++r) sums_.busy[r] += static_cast<double>(allocated[r]) * seconds;
  if (up) sums_.up += seconds;
  if (!carbon_->is_constant()) {
    // Integral of the intensity over [last, now), split at the series' hour boundaries.
    double weighted = 0.0;
    double t = static_cast<double>(start_unix_) + to_seconds(last_);
    const double end = static_cast<double>(start_unix_) + to_seconds(now);
    while (t < end) {
      const auto whole = static_cast<std::int64_t>(std::floor(t));
      const double piece_end = std::min(end, static_cast<double>(carbon_->next_change(whole)));
      weighted += (piece_end - t) * carbon_->at(whole);
      t = piece_end;
    }
    for (std::size_t r = 0; r < resources_; ++r) sums_.busy_intensity[r] += static_cast<double>(allocated[r]) * weighted;
    if (up) sums_.up_intensity += weighted;
  }
  last_ = now;
}

MeterTotals RegionMeter::totals() const {
  MeterTotals t;
  t.busy_unit_seconds = sums_.busy;
  t.up_seconds = sums_.up;
  const double idle = info_->idle_fraction;
  double watt_seconds = 0.0, watt_second_grams = 0.0;  // per kWh of intensity
  for (std::size_t r = 0; r < resources_; ++r) {
    const double w = info_->watts_per_unit[r];
    const auto capacity = static_cast<double>(info_->capacity[r]);
    watt_seconds += w * (idle * capacity * sums_.up + (1.0 - idle) * sums_.busy[r]);
    watt_second_grams += w * (idle * capacity * sums_.up_intensity + (1.0 - idle) * sums_.busy_intensity[r]);
    t.compute_cost_usd += info_->dollars_per_unit_hour[r] * sums_.busy[r] / 3600.0;
  }
  constexpr double kWattSecondsPerKwh = 3.6e6;
  t.energy_kwh = info_->pue * watt_seconds / kWattSecondsPerKwh;
  const double grams = carbon_->is_constant() ? t.energy_kwh * carbon_->at(0)
                                              : info_->pue * watt_second_grams / kWattSecondsPerKwh;
  t.carbon_kg = grams / 1000.0;
  return t;
}

}  // namespace meridian
