#include "compare/statistics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace meridian::compare {

namespace {

// Continued fraction for the regularized incomplete beta (modified Lentz), as in Numerical
// Recipes §6.4. It converges fast for x < (a + 1) / (a + b + 2); the caller uses the symmetry
// I_x(a, b) = 1 - I_{1-x}(b, a) otherwise.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEpsilon = 1e-15;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

double regularized_incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double critical_t(double level, double df) { return student_t_quantile(0.5 + level / 2.0, df); }

}  // namespace

double student_t_cdf(double t, double df) {
  if (!(df > 0.0)) throw std::logic_error("student_t_cdf: degrees of freedom must be positive");
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  // P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2).
  const double tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
  return t > 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0)) throw std::logic_error("student_t_quantile: p must be in (0, 1)");
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  if (p == 0.5) return 0.0;
  // Bisection: the CDF is monotone, so this cannot fail to converge, and it only runs a few
  // times per comparison. Bracket first (t(1, 0.9995) is 636.6; the bracket grows as needed).
  double lo = 0.0, hi = 2.0;
  while (student_t_cdf(hi, df) < p) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e12) return hi;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

MeanEstimate estimate_mean(const std::vector<double>& values, double level) {
  MeanEstimate e;
  e.n = values.size();
  if (e.n == 0) return e;
  double sum = 0.0;
  for (const double v : values) sum += v;
  e.mean = sum / static_cast<double>(e.n);
  if (e.n < 2) return e;
  // Two passes: the textbook one-pass formula loses digits when the mean is large.
  double squares = 0.0;
  for (const double v : values) squares += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(squares / static_cast<double>(e.n - 1));
  e.half_width = critical_t(level, static_cast<double>(e.n - 1)) * e.sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

MeanEstimate estimate_paired_difference(const std::vector<double>& variant, const std::vector<double>& reference,
                                        double level) {
  if (variant.size() != reference.size()) throw std::logic_error("paired difference of samples of different sizes");
  std::vector<double> differences(variant.size());
  for (std::size_t i = 0; i < variant.size(); ++i) differences[i] = variant[i] - reference[i];
  return estimate_mean(differences, level);
}

double sd_from_half_width(double half_width, std::size_t n, double level) {
  if (n < 2) return 0.0;
  return half_width * std::sqrt(static_cast<double>(n)) / critical_t(level, static_cast<double>(n - 1));
}

WelchTest welch_test(const MeanEstimate& current, const MeanEstimate& baseline, double level) {
  WelchTest w;
  w.difference = current.mean - baseline.mean;
  if (current.n < 2 || baseline.n < 2) return w;
  w.testable = true;
  const double vc = current.sd * current.sd / static_cast<double>(current.n);
  const double vb = baseline.sd * baseline.sd / static_cast<double>(baseline.n);
  const double se2 = vc + vb;
  if (se2 == 0.0) {
    // No noise on either side (a trace-driven or otherwise deterministic metric): any change is real.
    w.t = w.difference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), w.difference);
    w.df = static_cast<double>(current.n + baseline.n - 2);
    w.critical = critical_t(level, w.df);
    w.significant = w.difference != 0.0;
    return w;
  }
  w.t = w.difference / std::sqrt(se2);
  // Welch-Satterthwaite; a side with zero variance contributes nothing to the denominator.
  const double denominator =
      vc * vc / static_cast<double>(current.n - 1) + vb * vb / static_cast<double>(baseline.n - 1);
  w.df = se2 * se2 / denominator;
  w.critical = critical_t(level, w.df);
  w.significant = std::fabs(w.t) > w.critical;
  return w;
}

PairedTest paired_test(const std::vector<double>& current, const std::vector<double>& baseline, double level) {
  PairedTest p;
  p.difference = estimate_paired_difference(current, baseline, level);
  if (p.difference.n < 2) return p;
  p.testable = true;
  const MeanEstimate& d = p.difference;
  p.critical = critical_t(level, static_cast<double>(d.n - 1));
  const double se = d.sd / std::sqrt(static_cast<double>(d.n));
  p.t = se > 0.0 ? d.mean / se : (d.mean == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), d.mean));
  p.above_zero = d.low() > 0.0;
  p.below_zero = d.high() < 0.0;
  return p;
}

}  // namespace meridian::compare
