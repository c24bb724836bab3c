#pragma once
/// Random streams and distributions written in-tree, so results are identical on every
/// standard library (std::*_distribution differs between libstdc++ and libc++).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace meridian {

/// 64-bit FNV-1a: a stable hash of a stream's name, the same on every platform.
constexpr std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// SplitMix64 step; used to expand a 64-bit seed into generator state.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// One independent random stream (xoshiro256**), identified by (seed, replication, name):
/// never by creation order, so adding a policy or a workload cannot shift another's draws.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view name) {
    std::uint64_t mix = seed ^ (replication * 0xd1b54a32d192ed03ULL) ^ stable_hash(name);
    for (auto& word : state_) word = splitmix64(mix);
  }

  /// 64 uniformly distributed bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 bits of precision.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in (0, 1]: safe to take the logarithm of.
  double uniform_open0() { return 1.0 - uniform(); }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n); n > 0. Lemire's multiply-shift with rejection (unbiased).
  std::uint64_t below(std::uint64_t n);

  /// Exponential with the given mean.
  double exponential(double mean) { return -mean * std::log(uniform_open0()); }
  /// Weibull with the given mean and shape k (k < 1: failures cluster early; k > 1: wear-out).
  double weibull(double mean, double shape);
  /// Standard normal (Marsaglia polar method; the spare value is kept).
  double normal();
  /// Lognormal with the given mean and coefficient of variation of the result.
  double lognormal(double mean, double cv);
  /// Gamma with the given mean and coefficient of variation (Marsaglia-Tsang).
  double gamma(double mean, double cv);
  /// Index drawn with probability proportional to weights (non-negative, positive sum).
  std::size_t choice(std::span<const double> weights);

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  double standard_gamma(double shape);

  std::uint64_t state_[4];
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

/// RandomStream::choice over fixed weights, in O(log n) per draw instead of O(n): the same one
/// uniform draw and the same index. When every weight is a whole number (and the total below
/// 2^52), the scan's running subtractions are exact, so "first i with target < weights[i] after
/// subtracting the ones before" is "first i whose cumulative weight exceeds target": a binary
/// search; when the weights are also all equal, the index is target / weight, corrected by at
/// most one step against the exact cumulative weights (O(1)). Other weights keep the scan (its
/// rounding decides ties that a search could not).
class WeightedChoice {
 public:
  explicit WeightedChoice(std::span<const double> weights);
  std::size_t draw(RandomStream& stream) const;

 private:
  std::vector<double> weights_;
  std::vector<double> cumulative_;  // empty: not exact, scan
  double equal_weight_ = 0.0;       // > 0: every weight is this whole number (uniform origins)
  double total_ = 0.0;
  std::size_t last_positive_ = 0;
};

}  // namespace meridian
