#include "model/carbon_intensity.hpp"

#include <algorithm>
#include <limits>

namespace meridian {

CarbonIntensity::CarbonIntensity(std::vector<Point> hourly) : hourly_(std::move(hourly)) {
  span_ = hourly_.back().unix_seconds + 3600 - hourly_.front().unix_seconds;
}

std::int64_t CarbonIntensity::wrap(std::int64_t t) const {
  const std::int64_t first = hourly_.front().unix_seconds;
  const std::int64_t offset = ((t - first) % span_ + span_) % span_;
  return first + offset;
}

double CarbonIntensity::at(std::int64_t unix_seconds) const {
  if (hourly_.empty()) return constant_;
  const std::int64_t t = wrap(unix_seconds);
  const auto it = std::upper_bound(hourly_.begin(), hourly_.end(), t,
                                   [](std::int64_t v, const Point& p) { return v < p.unix_seconds; });
  return it == hourly_.begin() ? hourly_.front().g_per_kwh : std::prev(it)->g_per_kwh;
}

std::int64_t CarbonIntensity::next_change(std::int64_t unix_seconds) const {
  if (hourly_.empty()) return std::numeric_limits<std::int64_t>::max();
  // Samples are hourly: the value can change only on the next hour boundary of the series.
  const std::int64_t first = hourly_.front().unix_seconds;
  const std::int64_t into_hour = ((unix_seconds - first) % 3600 + 3600) % 3600;
  return unix_seconds + (3600 - into_hour);
}

}  // namespace meridian
