// compare's statistics against hand-computed values: Student t quantiles, the mean's interval,
// paired differences under common random numbers, the paired t-test and Welch's test.
#include <catch2/catch.hpp>

#include <cmath>

#include "compare/statistics.hpp"

using namespace meridian::compare;
using Catch::Detail::Approx;

TEST_CASE("Student t quantiles match the printed table", "[compare]") {
  // Two-sided 95 % critical values (0.975 quantile), from any statistics table.
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706205).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.302653).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776445).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.262157).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272).epsilon(1e-6));
  CHECK(student_t_quantile(0.995, 10) == Approx(3.169273).epsilon(1e-6));
  // Many degrees of freedom: the normal quantile 1.95996.
  CHECK(student_t_quantile(0.975, 1e7) == Approx(1.959964).epsilon(1e-5));
  // Symmetry and the CDF as its inverse, also at a fractional df (Welch's).
  CHECK(student_t_quantile(0.025, 4) == Approx(-2.776445).epsilon(1e-6));
  CHECK(student_t_cdf(0.0, 3.5) == Approx(0.5));
  CHECK(student_t_cdf(student_t_quantile(0.9, 5.88), 5.88) == Approx(0.9).epsilon(1e-10));
  // df = 1 is the Cauchy distribution: CDF(t) = 1/2 + atan(t)/pi.
  CHECK(student_t_cdf(2.0, 1.0) == Approx(0.5 + std::atan(2.0) / M_PI).epsilon(1e-12));
}

TEST_CASE("the mean's 95 % interval of 1..5 is 3 +- 1.963", "[compare]") {
  // mean 3; s^2 = (4 + 1 + 0 + 1 + 4) / 4 = 2.5, s = 1.58114; t(4, .975) = 2.77645;
  // half-width = 2.77645 * 1.58114 / sqrt(5) = 1.96324.
  const MeanEstimate e = estimate_mean({1, 2, 3, 4, 5});
  CHECK(e.n == 5);
  CHECK(e.mean == Approx(3.0));
  CHECK(e.sd == Approx(1.5811388).epsilon(1e-7));
  CHECK(e.half_width == Approx(1.963243).epsilon(1e-6));
  CHECK(e.low() == Approx(1.036757).epsilon(1e-6));
  CHECK(e.high() == Approx(4.963243).epsilon(1e-6));

  // One observation has no spread: no interval rather than a zero-width one.
  const MeanEstimate one = estimate_mean({7});
  CHECK(one.mean == 7.0);
  CHECK_FALSE(one.has_interval());
  CHECK(one.half_width == 0.0);

  // The sd comes back from a stored interval.
  CHECK(sd_from_half_width(e.half_width, 5) == Approx(e.sd).epsilon(1e-9));
}

TEST_CASE("paired differences: mean and interval of the per-replication differences", "[compare]") {
  // Under common random numbers replication i of both variants saw the same arrivals, so most of
  // the noise cancels: reference 10, 12, 11, 13 and variant 11, 14, 12, 15 differ by 1, 2, 1, 2.
  // mean 1.5; s = sqrt(4 * 0.25 / 3) = 0.57735; t(3, .975) = 3.18245; half-width = 3.18245 *
  // 0.57735 / 2 = 0.91869, so the difference [0.581, 2.419] excludes 0.
  const std::vector<double> reference{10, 12, 11, 13}, variant{11, 14, 12, 15};
  const MeanEstimate d = estimate_paired_difference(variant, reference);
  CHECK(d.n == 4);
  CHECK(d.mean == Approx(1.5));
  CHECK(d.sd == Approx(0.5773503).epsilon(1e-7));
  CHECK(d.half_width == Approx(0.918693).epsilon(1e-6));
  CHECK(d.low() > 0.0);

  // The unpaired view of the same numbers cannot tell them apart: their intervals overlap.
  const MeanEstimate a = estimate_mean(reference), b = estimate_mean(variant);
  CHECK(a.high() > b.low());
  CHECK_THROWS(estimate_paired_difference({1, 2}, {1}));
}

TEST_CASE("Welch's test against a hand-computed statistic and degrees of freedom", "[compare]") {
  // current: mean 12, sd 2, n 5; baseline: mean 10, sd 1, n 5.
  // s1^2/n1 = 0.8, s2^2/n2 = 0.2, se = 1, t = 2;
  // df = 1 / (0.8^2/4 + 0.2^2/4) = 1 / 0.17 = 5.88235; t(5.88, .975) is between t(6) = 2.447
  // and t(5) = 2.571, so |t| = 2 is not significant.
  MeanEstimate current{5, 12.0, 2.0, 0.0}, baseline{5, 10.0, 1.0, 0.0};
  WelchTest w = welch_test(current, baseline);
  CHECK(w.testable);
  CHECK(w.difference == Approx(2.0));
  CHECK(w.t == Approx(2.0));
  CHECK(w.df == Approx(5.882353).epsilon(1e-6));
  CHECK(w.critical > 2.4469);
  CHECK(w.critical < 2.5706);
  CHECK_FALSE(w.significant);

  // Mean 14 instead: t = 4 > 2.46, significant.
  current.mean = 14.0;
  w = welch_test(current, baseline);
  CHECK(w.t == Approx(4.0));
  CHECK(w.significant);

  // Equal variances and sizes: df = 2(n - 1) = 8, as for the pooled test.
  w = welch_test(MeanEstimate{5, 11.0, 1.0, 0.0}, MeanEstimate{5, 10.0, 1.0, 0.0});
  CHECK(w.df == Approx(8.0));
  CHECK(w.t == Approx(1.0 / std::sqrt(0.4)));

  // No noise on either side (a deterministic metric): any change is real, none is not.
  CHECK(welch_test(MeanEstimate{3, 5.0, 0.0, 0.0}, MeanEstimate{3, 4.0, 0.0, 0.0}).significant);
  CHECK_FALSE(welch_test(MeanEstimate{3, 4.0, 0.0, 0.0}, MeanEstimate{3, 4.0, 0.0, 0.0}).significant);

  // One replication: nothing to test with.
  CHECK_FALSE(welch_test(MeanEstimate{1, 5.0, 0.0, 0.0}, baseline).testable);
}

TEST_CASE("the paired test finds a shift that Welch's test on the same numbers misses", "[compare]") {
  // Baseline 10, 12, 11, 13 and current 11, 14, 12, 15, replication by replication: the spread
  // between replications is shared (common random numbers), the shift is not.
  const std::vector<double> baseline{10, 12, 11, 13}, current{11, 14, 12, 15};

  // Paired: d = 1, 2, 1, 2; mean 1.5; s_d = sqrt((4 * 0.25) / 3) = 0.577350; se = s_d / 2 =
  // 0.288675; t = 1.5 / 0.288675 = 5.196152 > t(3, .975) = 3.182446; interval 1.5 +- 3.182446 *
  // 0.288675 = [0.581307, 2.418693], above 0.
  const PairedTest p = paired_test(current, baseline);
  CHECK(p.testable);
  CHECK(p.difference.n == 4);
  CHECK(p.difference.mean == Approx(1.5));
  CHECK(p.difference.sd == Approx(0.5773503).epsilon(1e-7));
  CHECK(p.t == Approx(5.196152).epsilon(1e-6));
  CHECK(p.critical == Approx(3.182446).epsilon(1e-6));
  CHECK(p.difference.low() == Approx(0.581307).epsilon(1e-6));
  CHECK(p.difference.high() == Approx(2.418693).epsilon(1e-6));
  CHECK(p.above_zero);
  CHECK_FALSE(p.below_zero);

  // Welch on the same numbers: means 13 and 11.5; variances 10/3 and 5/3; se^2 = 10/12 + 5/12 =
  // 1.25, t = 1.5 / 1.118034 = 1.341641; df = 1.25^2 / ((10/12)^2 / 3 + (5/12)^2 / 3) = 5.4;
  // t(5.4, .975) is about 2.5, so not significant.
  const WelchTest w = welch_test(estimate_mean(current), estimate_mean(baseline));
  CHECK(w.t == Approx(1.341641).epsilon(1e-6));
  CHECK(w.df == Approx(5.4).epsilon(1e-9));
  CHECK(w.critical > 2.4469);  // t(6)
  CHECK(w.critical < 2.5706);  // t(5)
  CHECK_FALSE(w.significant);

  // The other way round, the interval is below 0.
  const PairedTest lower = paired_test(baseline, current);
  CHECK(lower.below_zero);
  CHECK_FALSE(lower.above_zero);

  // Differences without spread: the interval is the single value.
  const PairedTest same_shift = paired_test({11, 13, 12}, {10, 12, 11});
  CHECK(same_shift.difference.half_width == 0.0);
  CHECK(std::isinf(same_shift.t));
  CHECK(same_shift.above_zero);
  const PairedTest unchanged = paired_test({10, 12, 11}, {10, 12, 11});
  CHECK(unchanged.t == 0.0);
  CHECK_FALSE(unchanged.above_zero);
  CHECK_FALSE(unchanged.below_zero);

  // One pair: nothing to test with.
  CHECK_FALSE(paired_test({11}, {10}).testable);
}
