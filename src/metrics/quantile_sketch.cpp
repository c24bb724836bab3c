#include "metrics/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>

namespace meridian {

QuantileSketch::QuantileSketch(double relative_accuracy)
    : accuracy_(relative_accuracy),
      gamma_((1.0 + relative_accuracy) / (1.0 - relative_accuracy)),
      inverse_log_gamma_(1.0 / std::log(gamma_)) {}

int QuantileSketch::bucket_of(double value) const {
  return static_cast<int>(std::ceil(std::log(value) * inverse_log_gamma_));
}

double QuantileSketch::bucket_value(int index) const {
  // Bucket i holds (gamma^(i-1), gamma^i]; this point is within `accuracy_` of both ends.
  return 2.0 * std::pow(gamma_, index) / (gamma_ + 1.0);
}

void QuantileSketch::add(const Prepared& prepared) {
  const double value = prepared.value;
  if (count_ == 0) min_ = max_ = value;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  ++count_;
  sum_ += value;
  if (value < kZeroBelow) {
    ++zeros_;
    return;
  }
  ++bucket(prepared.bucket);
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
