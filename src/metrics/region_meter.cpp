#include "metrics/region_meter.hpp"

#include <algorithm>
#include <cmath>

namespace meridian {

MeterTotals MeterTotals::operator-(const MeterTotals& earlier) const {
  MeterTotals d;
  for (std::size_t r = 0; r < kMaxResources; ++r) d.busy_unit_seconds[r] = busy_unit_seconds[r] - earlier.busy_unit_seconds[r];
  d.up_seconds = up_seconds - earlier.up_seconds;
  d.energy_kwh = energy_kwh - earlier.energy_kwh;
  d.carbon_kg = carbon_kg - earlier.carbon_kg;
  d.compute_cost_usd = compute_cost_usd - earlier.compute_cost_usd;
  return d;
}

double RegionMeter::power_kw(const ResourceVector& allocated, bool up) const {
  if (!up) return 0.0;
  double watts = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r) {
    const auto busy = static_cast<double>(allocated[r]);
    const auto idle = static_cast<double>(info_->capacity[r] - allocated[r]);
    watts += info_->watts_per_unit[r] * (busy + info_->idle_fraction * idle);
  }
  return watts * info_->pue / 1000.0;
}

double RegionMeter::cost_per_hour(const ResourceVector& allocated) const {
  double dollars = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r)
    dollars += info_->dollars_per_unit_hour[r] * static_cast<double>(allocated[r]);
  return dollars;
}

double RegionMeter::carbon_g_per_kwh(SimTime now) const {
  return carbon_->at(start_unix_ + static_cast<std::int64_t>(std::floor(to_seconds(now))));
}

void RegionMeter::advance(SimTime now, const ResourceVector& allocated, bool up) {
  if (now <= last_) return;
  const double seconds = to_seconds(now - last_);
  for (std::size_t r = 0; r < kMaxResources; ++r)
    totals_.busy_unit_seconds[r] += static_cast<double>(allocated[r]) * seconds;
  totals_.compute_cost_usd += cost_per_hour(allocated) * seconds / 3600.0;
  if (up) {
    totals_.up_seconds += seconds;
    const double kw = power_kw(allocated, up);
    totals_.energy_kwh += kw * seconds / 3600.0;
    if (carbon_->is_constant()) {
      totals_.carbon_kg += kw * seconds / 3600.0 * carbon_->at(0) / 1000.0;
    } else {
      // Split at the series' hour boundaries so each piece has one intensity.
      double t = start_unix_ + to_seconds(last_.time_since_epoch());
      const double end = start_unix_ + to_seconds(now.time_since_epoch());
      while (t < end) {
        const auto whole = static_cast<std::int64_t>(std::floor(t));
        const double piece_end = std::min(end, static_cast<double>(carbon_->next_change(whole)));
        totals_.carbon_kg += kw * (piece_end - t) / 3600.0 * carbon_->at(whole) / 1000.0;
        t = piece_end;
      }
    }
  }
  last_ = now;
}

}  // namespace meridian
