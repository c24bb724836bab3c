#pragma once
// The statistics of `meridian compare`: sample mean with a Student-t confidence interval,
// paired differences under common random numbers, and the two tests of a baseline check: the
// paired t-test on per-replication differences, and Welch's test when there are no pairs. The t
// distribution is computed here (regularized incomplete beta), not taken from a table, because
// Welch's degrees of freedom are not whole numbers.

#include <cstddef>
#include <vector>

namespace meridian::compare {

/// Mean of n independent observations with its two-sided confidence interval.
struct MeanEstimate {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;          ///< sample standard deviation (n - 1 in the denominator); 0 when n < 2
  double half_width = 0.0;  ///< t(n-1, (1+level)/2) * sd / sqrt(n); 0 when n < 2
  /// An interval needs at least two observations; with one, low() == high() == mean.
  bool has_interval() const { return n >= 2; }
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

/// Student t cumulative distribution function with `df` (> 0, not necessarily whole) degrees of freedom.
double student_t_cdf(double t, double df);

/// The t with student_t_cdf(t, df) == p, for p in (0, 1).
double student_t_quantile(double p, double df);

/// Mean and `level` confidence interval of `values` (Student t with n - 1 degrees of freedom).
MeanEstimate estimate_mean(const std::vector<double>& values, double level = 0.95);

/// The mean of variant[i] - reference[i] with its interval: replication i of both saw the same
/// random numbers, so the pairs share their noise and the difference is estimated more tightly
/// than from two independent means. Both vectors must have the same length.
MeanEstimate estimate_paired_difference(const std::vector<double>& variant, const std::vector<double>& reference,
                                        double level = 0.95);

/// The standard deviation behind a stored interval: sd = half_width * sqrt(n) / t(n-1).
double sd_from_half_width(double half_width, std::size_t n, double level = 0.95);

/// Welch's unequal-variance t-test of current.mean - baseline.mean.
struct WelchTest {
  bool testable = false;     ///< false when either side has fewer than two observations
  double difference = 0.0;   ///< current - baseline
  double t = 0.0;            ///< difference / standard error (infinite when both variances are 0)
  double df = 0.0;           ///< Welch-Satterthwaite degrees of freedom
  double critical = 0.0;     ///< t quantile the |t| must exceed
  bool significant = false;  ///< |t| > critical: the means differ at the chosen level
};

/// Two-sided test at `level` (0.95: 5 % false alarms when nothing changed). When both sides
/// have zero variance (a deterministic metric) any difference is significant.
WelchTest welch_test(const MeanEstimate& current, const MeanEstimate& baseline, double level = 0.95);

/// Student's paired t-test of current[i] - baseline[i]: replication i of both used the same
/// random streams, so the noise they share cancels in the difference.
struct PairedTest {
  bool testable = false;    ///< false with fewer than two pairs
  MeanEstimate difference;  ///< mean of the differences with its `level` interval
  double t = 0.0;           ///< mean / (sd / sqrt(n)); infinite when every difference is the same non-zero value
  double critical = 0.0;    ///< t(n - 1, (1 + level) / 2)
  bool above_zero = false;  ///< the interval lies above 0: current is significantly higher
  bool below_zero = false;  ///< the interval lies below 0: current is significantly lower
};

/// The paired test on `current` and `baseline` (same length, pair i = replication i). When the
/// differences have no spread, their interval is the single value: any non-zero one excludes 0.
PairedTest paired_test(const std::vector<double>& current, const std::vector<double>& baseline, double level = 0.95);

}  // namespace meridian::compare
