#include "model/local_clock.hpp"

#include <chrono>
#include <date/tz.h>

namespace meridian {

LocalClock::LocalClock(const std::string& zone_name) : zone_(date::locate_zone(zone_name)) {}

namespace {
date::sys_info info_at(const date::time_zone* zone, std::int64_t unix_seconds) {
  return zone->get_info(date::sys_seconds{std::chrono::seconds{unix_seconds}});
}
}  // namespace

std::int64_t LocalClock::utc_offset_seconds(std::int64_t unix_seconds) const {
  return info_at(zone_, unix_seconds).offset.count();
}

std::int64_t LocalClock::offset_valid_until(std::int64_t unix_seconds) const {
  return info_at(zone_, unix_seconds).end.time_since_epoch().count();
}

double LocalClock::local_hour(std::int64_t unix_seconds) const {
  const std::int64_t local = unix_seconds + utc_offset_seconds(unix_seconds);
  const std::int64_t second_of_day = ((local % 86400) + 86400) % 86400;
  return static_cast<double>(second_of_day) / 3600.0;
}

int LocalClock::local_weekday(std::int64_t unix_seconds) const {
  const std::int64_t local = unix_seconds + utc_offset_seconds(unix_seconds);
  const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

}  // namespace meridian
