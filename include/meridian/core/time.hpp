#pragma once
/// Simulated time: integer nanoseconds on a clock of our own. Only the engine knows "now".

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace meridian {

/// A span of simulated time, in integer nanoseconds.
using SimDuration = std::chrono::duration<std::int64_t, std::nano>;

/// The simulation clock. It has no now(): the engine owns the current instant.
struct SimClock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = SimDuration;
  using time_point = std::chrono::time_point<SimClock>;
  static constexpr bool is_steady = true;
};

/// An instant of simulated time; the epoch is the scenario's `start`.
using SimTime = SimClock::time_point;

inline constexpr SimTime kSimEpoch{};
inline constexpr SimTime kSimEnd{SimDuration{std::numeric_limits<std::int64_t>::max()}};

/// Converts sampled seconds to a duration, once; nullopt for NaN, infinities or overflow.
inline std::optional<SimDuration> duration_from_seconds(double seconds) {
  const double ns = seconds * 1e9;
  // 9.2e18 ns is about 292 years; anything beyond is not a simulated duration (nor NaN).
  if (!(ns > -9.2e18 && ns < 9.2e18)) return std::nullopt;
  // std::round (half away from zero), inline and without branches, as it is on the path of
  // every random draw (whose fraction is a coin toss for a branch predictor). The same integer:
  // truncation is exact, and so is the fraction it leaves.
  const auto whole = static_cast<std::int64_t>(ns);
  const double fraction = ns - static_cast<double>(whole);
  return SimDuration{whole + static_cast<std::int64_t>(fraction >= 0.5) - static_cast<std::int64_t>(fraction <= -0.5)};
}

/// Seconds as a double, for statistics and output only (never for ordering events).
inline constexpr double to_seconds(SimDuration d) { return static_cast<double>(d.count()) * 1e-9; }
inline constexpr double to_seconds(SimTime t) { return to_seconds(t.time_since_epoch()); }

inline constexpr SimDuration kSecond = std::chrono::seconds{1};
inline constexpr SimDuration kHour = std::chrono::hours{1};

}  // namespace meridian
