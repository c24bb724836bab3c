#pragma once
// Streaming quantiles with a stated error bound, in memory that grows with the logarithm of
// the value range rather than with the number of values (the DDSketch idea: Masson, Rim and Lee,
// VLDB 2019). Values fall in logarithmic buckets of ratio gamma = (1 + a) / (1 - a); every
// quantile it returns is within relative error `a` of a value at that rank. Mean, min, max and
// count are exact.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace meridian {

class QuantileSketch {
 public:
  /// Relative accuracy of quantiles; 0.005 means within 0.5 %.
  static constexpr double kDefaultAccuracy = 0.005;
  /// Values below this (1 ns) count as zero: exact, and they need no bucket.
  static constexpr double kZeroBelow = 1e-9;

  explicit QuantileSketch(double relative_accuracy = kDefaultAccuracy);

  /// A value with its bucket found once (one logarithm), to add to several sketches that have
  /// the same accuracy: a task's response goes into the global, region and workload sketches.
  struct Prepared {
    double value;
    int bucket;  // meaningless for values below kZeroBelow
  };
  Prepared prepare(double value) const { return {value, value < kZeroBelow ? 0 : bucket_of(value)}; }
  void add(const Prepared& prepared) {  // inline: a task's values go into four scopes' sketches
    if (add_except_bucket(prepared.value)) count_in_bucket(prepared.bucket);
  }
  void add(double value) { add(prepare(value)); }
  /// add(), but the bucket is counted later, with others, by `batch` (see BucketBatch): the
  /// quantiles are complete once the batch is flushed; count, sum and extremes at once.
  inline void add(const Prepared& prepared, class BucketBatch& batch);
  /// Counts one value in its bucket (the part of add() a BucketBatch puts off).
  void count_in_bucket(int index) {
    const auto at = static_cast<std::size_t>(static_cast<unsigned>(index - offset_));
    if (at < buckets_.size()) ++buckets_[at];
    else ++bucket(index);
  }
  /// Adds a value to the sum only (for a scope whose count, extremes and buckets come later
  /// from merge_except_sum of sketches that saw every value: the sum keeps its own order).
  void add_to_sum(double value) { sum_ += value; }
  void merge(const QuantileSketch& other);
  /// merge() without the sum: the counts, buckets and extremes of `other`, this sketch's sum.
  void merge_except_sum(const QuantileSketch& other);

  std::uint64_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  double min() const { return count_ ? min_ : 0.0; }
  double max() const { return count_ ? max_ : 0.0; }
  double sum() const { return sum_; }
  /// The q-quantile (0 <= q <= 1) by the "lower" rank rule: the value at rank floor(q (n - 1)).
  double quantile(double q) const;
  double relative_accuracy() const { return accuracy_; }
  /// The bucket of a value >= kZeroBelow by its definition, ceil(log(value) / log(gamma)). The
  /// sketch finds it without a logarithm at the default accuracy (a table of the boundaries
  /// this very function draws), with the same result; exposed for the test that checks it.
  int bucket_by_log(double value) const;

 private:
  int bucket_of(double value) const;
  /// Count, sum and extremes of add(); true if the value also needs a bucket (it is no zero).
  bool add_except_bucket(double value) {
    min_ = std::min(min_, value);  // from +inf and -inf: no test for the first value
    max_ = std::max(max_, value);
    ++count_;
    sum_ += value;
    if (value >= kZeroBelow) return true;
    ++zeros_;
    return false;
  }
  double bucket_value(int index) const;
  std::uint64_t& bucket(int index);  // grows the bucket range to include `index`

  double accuracy_;
  double gamma_;
  double inverse_log_gamma_;
  bool table_ = false;  // the default accuracy: buckets from the shared boundary table
  std::vector<std::uint64_t> buckets_;  // buckets_[i] counts bucket index (i + offset_)
  int offset_ = 0;
  std::uint64_t zeros_ = 0;
  std::uint64_t count_ = 0;
  double sum_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();  // read only once count_ > 0
  double max_ = -std::numeric_limits<double>::infinity();
};

/// Bucket counts put off and done in batches. With hundreds of regions, each with its own
/// sketches of thousands of buckets, the bucket a task's value falls in is a cache miss, and
/// one at a time the processor waits for each; in a batch the misses overlap. Counts commute,
/// so the sketches end the same. Whoever reads a sketch flushes first.
class BucketBatch {
 public:
  void defer(QuantileSketch& sketch, int bucket) {
    pending_[size_++] = Pending{&sketch, bucket};
    if (size_ == kSize) flush();
  }
  void flush() {
    for (std::size_t i = 0; i < size_; ++i) pending_[i].sketch->count_in_bucket(pending_[i].bucket);
    size_ = 0;
  }

 private:
  static constexpr std::size_t kSize = 64;
  struct Pending {
    QuantileSketch* sketch;
    int bucket;
  };
  std::array<Pending, kSize> pending_{};
  std::size_t size_ = 0;
};

inline void QuantileSketch::add(const Prepared& prepared, BucketBatch& batch) {
  if (add_except_bucket(prepared.value)) batch.defer(*this, prepared.bucket);
}

}  // namespace meridian
