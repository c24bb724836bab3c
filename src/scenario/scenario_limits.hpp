#pragma once
// What one scenario may ask for. Past these a file is hostile or mistaken, and the loader says
// so with a location instead of exhausting memory or time. Kept together so that the README
// and the messages can quote one table.

#include <cstddef>
#include <cstdint>

namespace meridian::scenario::limits {

inline constexpr std::uintmax_t kMaxScenarioBytes = 64ull << 20;  ///< a scenario is hand-written
inline constexpr std::uintmax_t kMaxDataFileBytes = 2ull << 30;   ///< trace and carbon files
inline constexpr std::size_t kMaxLineBytes = 1 << 20;             ///< one line of a data file
/// Nodes visited when walking the YAML tree with aliases expanded. A 10000-region scenario
/// is about 600000; a billion-laughs alias bomb is 10^9 and must end quickly instead.
inline constexpr std::size_t kMaxTreeNodes = 2'000'000;
inline constexpr int kMaxDepth = 64;  ///< a scenario nests about 6 deep
/// Routing and per-origin metrics keep region x region tables (a few tens of bytes per pair).
inline constexpr std::size_t kMaxRegions = 2'048;
inline constexpr std::size_t kMaxListItems = 100'000;     ///< any other list (workloads, faults, ...)
inline constexpr std::int64_t kMaxUnits = 1'000'000'000;  ///< capacity or demand of one resource
inline constexpr std::size_t kMaxTraceRows = 20'000'000;  ///< a parsed row takes ~200 bytes
/// What one run may be asked to simulate: expected arrivals (sum of rate x horizon) and
/// time-series rows (samples x regions). Far past what a run finishes in hours, or fits a disk.
inline constexpr double kMaxExpectedArrivals = 1e10;
inline constexpr double kMaxSampleRows = 5e7;
inline constexpr std::size_t kMaxRowErrors = 20;  ///< bad rows listed per data file before "and more"

}  // namespace meridian::scenario::limits
