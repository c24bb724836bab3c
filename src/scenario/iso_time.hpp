#pragma once
// Times as written in scenarios and data files: UTC instants `2026-01-05T00:00:00Z` and
// local times of day `09:00`.

#include <cstdint>
#include <optional>
#include <string_view>

namespace meridian::scenario {

/// `YYYY-MM-DDTHH:MM:SSZ` (or `+00:00` for `Z`) -> unix seconds; nullopt when it is not a
/// valid UTC instant of that form. Offsets other than zero are refused: every time in a
/// scenario is UTC, local time comes only from a region's time zone.
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

/// Local time of day "HH:MM" -> minutes after midnight; -1 when malformed. "24:00" is
/// accepted only when `allow_end_of_day` (the end of a shift that runs to midnight).
int parse_clock_minutes(std::string_view text, bool allow_end_of_day);

/// The form above, for messages.
inline constexpr std::string_view kIsoExample = "a UTC instant such as 2026-01-05T00:00:00Z";

}  // namespace meridian::scenario
