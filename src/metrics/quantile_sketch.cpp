#include "metrics/quantile_sketch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <mutex>

namespace meridian {

namespace {

// Buckets at the default accuracy without a logarithm per value. Each binade [2^e, 2^(e+1)) is
// cut into 256 slices by the top 8 bits of the mantissa; a slice records the bucket of its
// first value and the smallest value in it (if any) that falls in the next bucket. Buckets are
// about 1 % wide and a slice at most 0.4 %, so a slice holds at most one boundary. Boundaries
// are found with the sketch's own bucket_by_log, so the table gives exactly its buckets (the
// logarithm is monotone). A binade is built the first time a value falls in it (about 200
// logarithms), once per process, shared by every sketch and thread.
class BoundaryTable {
 public:
  static constexpr int kMinExponent = -30;  // 2^-30 < kZeroBelow: every counted value is above
  static constexpr int kMaxExponent = 64;   // values from 2^64 on (centuries of seconds) use the logarithm
  static constexpr int kSliceBits = 8;

  static BoundaryTable& instance() {
    static BoundaryTable table;
    return table;
  }

  /// The bucket of `value` (>= kZeroBelow, finite) or INT_MIN when outside the table.
  int bucket(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const int exponent = static_cast<int>(bits >> 52) - 1023;
    if (exponent < kMinExponent || exponent >= kMaxExponent) return std::numeric_limits<int>::min();
    Binade& binade = binades_[static_cast<std::size_t>(exponent - kMinExponent)];
    if (!binade.ready.load(std::memory_order_acquire)) build(binade, exponent);
    const Slice& slice = binade.slices[(bits >> (52 - kSliceBits)) & ((1U << kSliceBits) - 1)];
    return slice.bucket + (value >= slice.next_from ? 1 : 0);
  }

 private:
  struct Slice {
    double next_from;  // first value of the slice in bucket + 1; infinity if none
    int bucket;        // bucket of the slice's first value
  };
  struct Binade {
    std::atomic<bool> ready{false};
    std::array<Slice, 1U << kSliceBits> slices{};
  };

  BoundaryTable() : reference_(QuantileSketch::kDefaultAccuracy) {}

  // The smallest double in [lo, hi] whose bucket is above `below`; the bucket of hi is.
  double first_above(int below, double lo, double hi) const {
    auto a = std::bit_cast<std::uint64_t>(lo), b = std::bit_cast<std::uint64_t>(hi);
    while (a < b) {  // positive doubles are ordered like their bits
      const std::uint64_t mid = a + (b - a) / 2;
      if (reference_.bucket_by_log(std::bit_cast<double>(mid)) > below) b = mid;
      else a = mid + 1;
    }
    return std::bit_cast<double>(a);
  }

  [[gnu::noinline]] void build(Binade& binade, int exponent) {
    const std::lock_guard lock(mutex_);
    if (binade.ready.load(std::memory_order_relaxed)) return;
    constexpr int kSlices = 1 << kSliceBits;
    for (int s = 0; s < kSlices; ++s) {
      const double first = std::ldexp(1.0 + static_cast<double>(s) / kSlices, exponent);
      const double last = std::nextafter(std::ldexp(1.0 + static_cast<double>(s + 1) / kSlices, exponent), 0.0);
      Slice& slice = binade.slices[static_cast<std::size_t>(s)];
      slice.bucket = reference_.bucket_by_log(first);
      const int last_bucket = reference_.bucket_by_log(last);
      slice.next_from = std::numeric_limits<double>::infinity();
      if (last_bucket == slice.bucket) continue;
      // Start near the boundary, gamma^bucket, and bisect only the few values around it.
      const double guess = std::clamp(std::exp(static_cast<double>(slice.bucket) * log_gamma_), first, last);
      double lo = first, hi = last;
      if (reference_.bucket_by_log(guess) > slice.bucket) {
        const double below = std::max(first, guess * (1.0 - 1e-12));
        if (reference_.bucket_by_log(below) == slice.bucket) lo = below;
        hi = guess;
      } else {
        const double above = std::min(last, guess * (1.0 + 1e-12));
        if (reference_.bucket_by_log(above) > slice.bucket) hi = above;
        lo = guess;
      }
      slice.next_from = first_above(slice.bucket, lo, hi);
      // Two boundaries in one slice cannot happen at this accuracy; if they did, the table
      // would be wrong there, so such a slice keeps the logarithm.
      if (reference_.bucket_by_log(last) != slice.bucket + 1) slice.bucket = std::numeric_limits<int>::min();
    }
    binade.ready.store(true, std::memory_order_release);
  }

  QuantileSketch reference_;
  double log_gamma_ = std::log((1.0 + QuantileSketch::kDefaultAccuracy) / (1.0 - QuantileSketch::kDefaultAccuracy));
  std::mutex mutex_;
  std::array<Binade, kMaxExponent - kMinExponent> binades_;
};

}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy)
    : accuracy_(relative_accuracy),
      gamma_((1.0 + relative_accuracy) / (1.0 - relative_accuracy)),
      inverse_log_gamma_(1.0 / std::log(gamma_)),
      table_(relative_accuracy == kDefaultAccuracy) {}

int QuantileSketch::bucket_by_log(double value) const {
  return static_cast<int>(std::ceil(std::log(value) * inverse_log_gamma_));
}

int QuantileSketch::bucket_of(double value) const {
  if (table_) {
    const int bucket = BoundaryTable::instance().bucket(value);
    if (bucket > std::numeric_limits<int>::min() + 1) return bucket;
  }
  return bucket_by_log(value);
}

double QuantileSketch::bucket_value(int index) const {
  // Bucket i holds (gamma^(i-1), gamma^i]; this point is within `accuracy_` of both ends.
  return 2.0 * std::pow(gamma_, index) / (gamma_ + 1.0);
}

std::uint64_t& QuantileSketch::bucket(int index) {
  if (buckets_.empty()) {
    offset_ = index;
    buckets_.assign(1, 0);
  } else if (index < offset_) {
    buckets_.insert(buckets_.begin(), static_cast<std::size_t>(offset_ - index), 0);
    offset_ = index;
  } else if (index >= offset_ + static_cast<int>(buckets_.size())) {
    buckets_.resize(static_cast<std::size_t>(index - offset_ + 1), 0);
  }
  return buckets_[static_cast<std::size_t>(index - offset_)];
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
  zeros_ += other.zeros_;
  for (std::size_t i = 0; i < other.buckets_.size(); ++i) {
    if (other.buckets_[i] == 0) continue;
    bucket(other.offset_ + static_cast<int>(i)) += other.buckets_[i];
  }
}

void QuantileSketch::merge_except_sum(const QuantileSketch& other) {
  const double sum = sum_;
  merge(other);
  sum_ = sum;
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return 0.0;
  if (q <= 0.0) return min_;
  if (q >= 1.0) return max_;
  const auto rank = static_cast<std::uint64_t>(std::floor(q * static_cast<double>(count_ - 1)));
  if (rank < zeros_) return 0.0;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen > rank) return std::clamp(bucket_value(offset_ + static_cast<int>(i)), min_, max_);
  }
  return max_;
}

}  // namespace meridian
