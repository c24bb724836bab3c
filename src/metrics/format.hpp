#pragma once
// Fixed formatting for outputs, so files are byte-identical across runs and platforms.

#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace meridian {

/// "2026-01-05T00:05:00Z" for a UTC instant in unix seconds.
std::string format_utc(std::int64_t unix_seconds);

/// A double rounded to 9 significant digits (shortest text that round-trips after rounding),
/// so JSON outputs do not carry floating-point noise such as 0.30000000000000004.
inline double tidy(double value) {
  if (!std::isfinite(value) || value == 0.0) return value == 0.0 ? 0.0 : value;
  return std::stod(fmt::format("{:.9g}", value));
}

}  // namespace meridian
