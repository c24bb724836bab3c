#pragma once
// Regression mode: a baseline file stores, per variant, each metric's mean, 95 % interval and
// replication count; a later comparison is checked against it metric by metric.
//
// A metric fails when BOTH hold:
//   1. it is worse than the baseline mean by more than its tolerance, in the metric's own
//      direction (higher wait is worse, lower SLO attainment is worse; neutral metrics such as
//      utilization never fail): current > base + tol * |base| (or < base - tol * |base|);
//   2. the difference is statistically significant: Welch's t-test at 95 %, two-sided, with each
//      side's standard deviation recovered from its interval, sd = half_width * sqrt(n) / t(n-1).
//      With fewer than two replications on either side there is no variance to test with, and
//      the tolerance alone decides.
// The tolerance stops tiny but real changes from failing a build; the test stops noise from it.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparison.hpp"

namespace meridian::compare {

/// One `--tolerance METRIC=PCT`.
struct Tolerance {
  std::string metric;
  double percent = 5.0;
};

/// Parses `global.wait_s.p99=5%` (the % sign is optional; the number is always a percentage).
/// Throws InputError (exit 2) for a missing `=`, an empty metric, or a percentage that is not a
/// finite number >= 0.
Tolerance parse_tolerance(std::string_view argument);

/// The baseline as stored: per variant, its varied values and each metric's estimate.
struct BaselineVariant {
  std::string label;
  std::vector<std::pair<std::string, std::string>> values;  ///< path -> value, in --vary order
  std::vector<std::pair<std::string, MeanEstimate>> metrics;
  const MeanEstimate* find(std::string_view metric) const;
};

struct Baseline {
  std::string file;
  std::string scenario;
  std::size_t replications = 0;
  double confidence = kConfidence;
  std::vector<BaselineVariant> variants;
  /// Every metric some variant has, for "did you mean".
  std::vector<std::string> metric_names() const;
};

/// The baseline document of a comparison (also readable by read_baseline: so is compare.json).
nlohmann::ordered_json baseline_json(const Comparison& comparison);

/// Parses a baseline document; `file` names it in messages. Throws InputError when it is not one.
Baseline parse_baseline(const nlohmann::json& document, const std::string& file);

/// Reads a baseline file (or a compare.json). Throws InputError (exit 2) when it cannot.
Baseline read_baseline(const std::string& path);

/// Every --tolerance metric must be in the baseline; throws InputError naming the closest one.
void check_tolerance_metrics(const std::vector<Tolerance>& tolerances, const Baseline& baseline);

/// The outcome for one metric of one variant.
struct MetricCheck {
  std::string variant;
  std::string metric;
  Direction direction = Direction::kNeutral;
  double tolerance_percent = 0.0;
  MeanEstimate baseline, current;
  bool missing = false;         ///< in the baseline but not in the current results (fails)
  double change_percent = 0.0;  ///< (current - base) / |base| * 100; infinite when base is 0
  bool beyond_tolerance = false;
  WelchTest test;
  bool failed = false;
};

struct RegressionReport {
  std::vector<MetricCheck> checks;
  std::vector<std::string> notes;  ///< variants not matched, metrics not checked
  std::size_t failures() const;
};

/// Checks every variant present in both (matched by its varied values) on the given metrics,
/// or on default_tolerance_metrics() at 5 % when `tolerances` is empty. Throws InputError when
/// no variant matches.
RegressionReport check_regressions(const Comparison& current, const Baseline& baseline,
                                   const std::vector<Tolerance>& tolerances);

/// One line per check and a verdict, for the terminal and CI logs.
void print_regression_report(std::FILE* out, const RegressionReport& report, const Baseline& baseline);

}  // namespace meridian::compare
