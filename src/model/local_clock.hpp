#pragma once
// Local time of a region (IANA zone, daylight saving included), for diurnal load, shifts and
// prices. Stateless, so one Model can serve runs on several threads; a caller on a hot path
// keeps the offset until offset_valid_until() (the arrival streams do).

#include <cstdint>
#include <string>

namespace date {
class time_zone;
}

namespace meridian {

class LocalClock {
 public:
  /// Throws std::runtime_error for an unknown zone (the loader has already checked it).
  explicit LocalClock(const std::string& zone_name);

  /// Seconds to add to a UTC instant to get local wall-clock time.
  std::int64_t utc_offset_seconds(std::int64_t unix_seconds) const;
  /// The first instant after `unix_seconds` at which the zone's UTC offset may change.
  std::int64_t offset_valid_until(std::int64_t unix_seconds) const;
  /// Local hour of day in [0, 24), with fractions.
  double local_hour(std::int64_t unix_seconds) const;
  /// Local day of week, 0 = Monday .. 6 = Sunday.
  int local_weekday(std::int64_t unix_seconds) const;

 private:
  const date::time_zone* zone_;
};

}  // namespace meridian
