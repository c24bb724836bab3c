#pragma once
// The files `meridian compare` writes (compare.json, compare.csv, compare.html) and the table
// it prints. Fixed key order and number formatting: the same comparison gives the same bytes.

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparison.hpp"

namespace meridian::compare {

/// compare.json: scenario, replications, varied paths, and per variant its values and, per
/// metric, mean / ci_low / ci_high / n and the paired difference against the first variant.
nlohmann::ordered_json comparison_json(const Comparison& comparison);

/// compare.csv: one row per variant and metric.
std::string comparison_csv(const Comparison& comparison);

/// compare.html: one self-contained page (inline SVG, no scripts).
std::string comparison_html(const Comparison& comparison);

/// Writes the three files into `dir` (created if needed), each atomically; returns their paths.
std::vector<std::string> write_comparison(const Comparison& comparison, const std::string& dir);

/// The terminal table: variants x headline metrics, "mean ±half-width".
void print_comparison_table(std::FILE* out, const Comparison& comparison);

/// A metric value in its unit, compact: "572 ms", "98.1 %", "$1.23M", "4.32k".
std::string format_metric(const std::string& path, double value);

/// A mean with its interval half-width in one unit: "572 ± 31 ms", "98.1 ± 0.2 %", "$87.3k ± 0.1k";
/// just the mean when there is no interval (one replication).
std::string format_estimate(const std::string& path, const MeanEstimate& estimate);

/// The interval of a difference, signed, one unit: "[+7.80, +8.87] min", "[-$1.5k, -$1.2k]",
/// "[-6.6, -6.1] pp" (shares differ in percentage points).
std::string format_difference_interval(const std::string& path, double low, double high);

/// A signed difference with its half-width: "+31 ± 6 ms", "-$1.2k ± 0.3k", "-6.3 ± 0.3 pp".
std::string format_difference(const std::string& path, const MeanEstimate& difference);

/// The axis of a chart of `path` whose largest value is `magnitude`: values are divided by
/// `divisor`; `label` names the quantity and unit; `short_ticks` for counts and money.
struct AxisUnit {
  double divisor = 1.0;
  std::string label;
  bool short_ticks = false;
};
AxisUnit axis_unit(const std::string& path, double magnitude);

/// A short on-screen name for a metric: "wait p99" for global.wait_s.p99, "SLO" for
/// global.slo_attainment; other metrics keep their path without "global.".
std::string metric_title(const std::string& path);

}  // namespace meridian::compare
