#include "scenario/iso_time.hpp"

#include <date/date.h>

namespace meridian::scenario {
namespace {

/// Reads exactly `digits` decimal digits at `pos`; -1 when they are not all digits.
int fixed_digits(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
  // 2026-01-05T00:00:00Z
  // 0123456789012345678
  if (text.size() < 20) return std::nullopt;
  const std::string_view zone = text.substr(19);
  if (zone != "Z" && zone != "+00:00") return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  const int year = fixed_digits(text, 0, 4), month = fixed_digits(text, 5, 2), day = fixed_digits(text, 8, 2);
  const int hour = fixed_digits(text, 11, 2), minute = fixed_digits(text, 14, 2), second = fixed_digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  const auto days = date::sys_days{ymd}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
}

int parse_clock_minutes(std::string_view text, bool allow_end_of_day) {
  if (text.size() != 5 || text[2] != ':') return -1;
  const int hours = fixed_digits(text, 0, 2), minutes = fixed_digits(text, 3, 2);
  if (hours < 0 || minutes < 0 || minutes > 59) return -1;
  if (hours > 24 || (hours == 24 && (minutes != 0 || !allow_end_of_day))) return -1;
  return hours * 60 + minutes;
}

}  // namespace meridian::scenario
