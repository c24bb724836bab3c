#include "meridian/core/rng.hpp"

#include <algorithm>
#include <cmath>

namespace meridian {

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire, "Fast Random Integer Generation in an Interval" (2019).
  __uint128_t m = static_cast<__uint128_t>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<__uint128_t>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double RandomStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double RandomStream::lognormal(double mean, double cv) {
  // For X = exp(N(mu, sigma^2)): E[X] = exp(mu + sigma^2/2), CV^2 = exp(sigma^2) - 1.
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * normal());
}

double RandomStream::standard_gamma(double shape) {
  if (shape < 1.0) {
    // Boost a shape below one: G(a) = G(a + 1) * U^(1/a).
    return standard_gamma(shape + 1.0) * std::pow(uniform_open0(), 1.0 / shape);
  }
  // Marsaglia and Tsang, "A simple method for generating gamma variables" (2000).
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform_open0();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double RandomStream::weibull(double mean, double shape) {
  // Inverse transform; the scale makes the mean come out right: mean = scale * Gamma(1 + 1/k).
  const double scale = mean / std::tgamma(1.0 + 1.0 / shape);
  return scale * std::pow(-std::log(uniform_open0()), 1.0 / shape);
}

double RandomStream::gamma(double mean, double cv) {
  // Shape k = 1/CV^2, scale = mean / k.
  const double shape = 1.0 / (cv * cv);
  return standard_gamma(shape) * (mean / shape);
}

std::size_t RandomStream::choice(std::span<const double> weights) {
  double total = 0.0;
  for (const double w : weights) total += w;
  double target = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  // Rounding can leave target just above the last positive weight.
  for (std::size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0) return i;
  return 0;
}

WeightedChoice::WeightedChoice(std::span<const double> weights) : weights_(weights.begin(), weights.end()) {
  bool exact = true;
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    const double w = weights_[i];
    total_ += w;  // in order, as choice() sums
    if (w > 0) last_positive_ = i;
    exact = exact && w >= 0 && w == std::floor(w) && total_ < 4503599627370496.0;  // 2^52: differences stay exact
  }
  if (!exact) return;
  double sum = 0.0;
  for (const double w : weights_) cumulative_.push_back(sum += w);
  if (!weights_.empty() && weights_.front() > 0 && std::all_of(weights_.begin(), weights_.end(), [&](double w) { return w == weights_.front(); }))
    equal_weight_ = weights_.front();
}

std::size_t WeightedChoice::draw(RandomStream& stream) const {
  if (cumulative_.empty()) return stream.choice(weights_);
  const double target = stream.uniform() * total_;
  // The first index whose cumulative weight is above target: never one of weight zero.
  if (equal_weight_ > 0) {
    const std::size_t n = cumulative_.size();
    auto i = std::min(static_cast<std::size_t>(target / equal_weight_), n);
    if (i < n && cumulative_[i] <= target) ++i;
    else if (i > 0 && cumulative_[i - 1] > target) --i;
    return i < n ? i : last_positive_;
  }
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  if (it == cumulative_.end()) return last_positive_;  // as the scan's rounding fallback
  return static_cast<std::size_t>(it - cumulative_.begin());
}

}  // namespace meridian
