#pragma once
// Regression mode: a baseline file stores, per variant, each metric's mean, 95 % interval,
// replication count and the value of every replication (with the scenario seed, which with the
// replication index names the random streams); a later comparison is checked against it metric
// by metric.
//
// A metric fails when BOTH hold:
//   1. it is worse than the baseline mean by more than its tolerance, in the metric's own
//      direction (higher wait is worse, lower SLO attainment is worse; neutral metrics such as
//      utilization never fail): current > base + tol * |base| (or < base - tol * |base|);
//   2. the change is statistically significant at 95 %:
//      - paired, when the baseline has per-replication values for the same seed and the same
//        number of replications: replication i of both sides used the same random numbers, so
//        the test is Student's t on the differences d_i = current_i - base_i, significant when
//        their interval mean(d) +- t(n-1) s_d / sqrt(n) excludes 0 on the worse side;
//      - otherwise (an older baseline, a compare.json, another seed or replication count)
//        Welch's two-sided t-test, with each side's standard deviation recovered from its
//        interval, sd = half_width * sqrt(n) / t(n-1).
//      With fewer than two replications there is no variance to test with, and the tolerance
//      alone decides.
// The tolerance stops tiny but real changes from failing a build; the test stops noise from it.

#include <cstdint>
#include <cstdio>
#include <optional>
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

/// One metric of a baseline variant.
struct BaselineMetric {
  MeanEstimate estimate;
  /// Replication i's value (empty where it had none); no entries when the file has none
  /// (written before baselines kept them, or a compare.json).
  std::vector<std::optional<double>> per_replication;
};

/// The baseline as stored: per variant, its varied values and each metric's estimate.
struct BaselineVariant {
  std::string label;
  std::vector<std::pair<std::string, std::string>> values;  ///< path -> value, in --vary order
  std::optional<std::uint64_t> seed;                        ///< its scenario seed, when the file says
  std::vector<std::pair<std::string, BaselineMetric>> metrics;
  const BaselineMetric* find(std::string_view metric) const;
};

struct Baseline {
  std::string file;
  std::string scenario;
  std::optional<std::uint64_t> seed;  ///< the first variant's seed, when the file says
  std::size_t replications = 0;
  double confidence = kConfidence;
  std::vector<BaselineVariant> variants;
  /// Every metric some variant has, for "did you mean".
  std::vector<std::string> metric_names() const;
};

/// The baseline document of a comparison (also readable by read_baseline: so is compare.json):
/// compare.json without the differences, plus the seed and each metric's `per_replication`.
nlohmann::ordered_json baseline_json(const Comparison& comparison);

/// baseline_json as the file's text: indented by 2, each list of numbers on one line, ending
/// with a newline. The same comparison gives the same bytes.
std::string baseline_text(const Comparison& comparison);

/// Parses a baseline document; `file` names it in messages. Throws InputError when it is not one.
Baseline parse_baseline(const nlohmann::json& document, const std::string& file);

/// Reads a baseline file (or a compare.json). Throws InputError (exit 2) when it cannot.
Baseline read_baseline(const std::string& path);

/// Every --tolerance metric must be in the baseline; throws InputError naming the closest one.
void check_tolerance_metrics(const std::vector<Tolerance>& tolerances, const Baseline& baseline);

/// Which significance test a check used.
enum class TestKind {
  kPaired,  ///< Student's t on the per-replication differences (see PairedTest)
  kWelch,   ///< Welch's unpaired test on the two means and intervals (see WelchTest)
};

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
  TestKind test_kind = TestKind::kWelch;
  PairedTest paired;      ///< when test_kind is kPaired
  WelchTest welch;        ///< when test_kind is kWelch
  bool testable = false;  ///< the test had at least two replications (pairs) to work with
  /// Paired: the interval excludes 0 on the worse side (either side for a neutral metric).
  /// Welch: |t| > critical.
  bool significant = false;
  bool failed = false;
};

struct RegressionReport {
  std::vector<MetricCheck> checks;
  /// Which test was used and, when it is Welch's, why the replications could not be paired.
  std::vector<std::string> method;
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
