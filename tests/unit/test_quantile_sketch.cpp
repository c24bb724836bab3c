#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "meridian/core/rng.hpp"
#include "metrics/compact_counts.hpp"
#include "metrics/quantile_sketch.hpp"

using namespace meridian;

TEST_CASE("sketch quantiles are within the stated relative error of the exact ones", "[metrics]") {
  RandomStream rng(11, 0, "test/sketch");
  QuantileSketch sketch;
  std::vector<double> values;
  for (int i = 0; i < 100000; ++i) {
    const double v = i % 10 == 0 ? 0.0 : rng.lognormal(0.5, 2.0);  // zeros and a wide range
    values.push_back(v);
    sketch.add(v);
  }
  std::sort(values.begin(), values.end());
  for (const double q : {0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
    const double exact = values[static_cast<std::size_t>(std::floor(q * (values.size() - 1)))];
    const double estimate = sketch.quantile(q);
    INFO("q=" << q << " exact=" << exact << " estimate=" << estimate);
    CHECK(std::abs(estimate - exact) <= sketch.relative_accuracy() * exact + 1e-12);
  }
  double sum = 0;
  for (const double v : values) sum += v;
  CHECK(sketch.mean() == Approx(sum / values.size()).epsilon(1e-12));
  CHECK(sketch.max() == values.back());
  CHECK(sketch.count() == values.size());
}

TEST_CASE("merging sketches equals sketching everything", "[metrics]") {
  RandomStream rng(12, 0, "test/sketch-merge");
  QuantileSketch a, b, all;
  for (int i = 0; i < 5000; ++i) {
    const double v = rng.exponential(1.0);
    (i % 2 ? a : b).add(v);
    all.add(v);
  }
  a.merge(b);
  for (const double q : {0.1, 0.5, 0.99}) CHECK(a.quantile(q) == all.quantile(q));
  CHECK(a.count() == all.count());
}

TEST_CASE("sketch buckets from the boundary table equal the logarithm's, boundaries included", "[metrics]") {
  RandomStream rng(13, 0, "test/sketch-buckets");
  const QuantileSketch sketch;
  std::uint64_t mismatches = 0, checked = 0;
  const auto check = [&](double v) {
    if (v < QuantileSketch::kZeroBelow) return;
    ++checked;
    if (sketch.prepare(v).bucket != sketch.bucket_by_log(v)) ++mismatches;
  };
  for (int i = 0; i < 200000; ++i) {
    // Log-uniform over 1e-9 .. 1e20 (past the table's end too), and exponential samples.
    check(std::exp(rng.uniform(std::log(1e-9), std::log(1e20))));
    check(rng.exponential(1.0));
  }
  // Every bucket boundary from 1 ns to about a week, and the values either side of it.
  const double gamma = (1.0 + sketch.relative_accuracy()) / (1.0 - sketch.relative_accuracy());
  for (int k = sketch.bucket_by_log(1e-9); k < sketch.bucket_by_log(1e6); ++k) {
    const double b = std::pow(gamma, k);
    for (double v = b, n = 0; n < 4; ++n, v = std::nextafter(v, 0.0)) check(v);
    for (double v = b, n = 0; n < 4; ++n, v = std::nextafter(v, 1e300)) check(v);
  }
  INFO(mismatches << " of " << checked);
  CHECK(mismatches == 0);
  CHECK(checked > 400000);
}

TEST_CASE("compact counts carry past 16 bits without losing a count", "[metrics]") {
  CompactCounts counts(5);
  for (int i = 0; i < 65535; ++i) counts.increment(2);
  CHECK(counts[2] == 65535);
  counts.increment(2);  // the first wrap
  CHECK(counts[2] == 65536);
  for (int i = 0; i < 3 * 65536 + 7; ++i) counts.increment(2);
  counts.increment(4);
  CHECK(counts[2] == 4 * 65536 + 7);
  CHECK(counts[4] == 1);
  CHECK(counts[0] == 0);
  CHECK(counts.size() == 5);
}

TEST_CASE("bucket counts put off in a batch give the same sketches as counted at once", "[metrics]") {
  RandomStream rng(5, 0, "test/bucket-batch");
  std::vector<QuantileSketch> direct(7), batched(7);
  BucketBatch batch;
  for (int i = 0; i < 5000; ++i) {
    const std::size_t s = rng.below(7);
    // Values over many decades, zeros among them, so buckets grow down and up while deferred.
    const double value = rng.below(10) == 0 ? 0.0 : std::exp(rng.uniform(-20.0, 20.0));
    direct[s].add(value);
    batched[s].add(batched[s].prepare(value), batch);
  }
  CHECK(batched[3].count() == direct[3].count());  // counts and extremes do not wait
  batch.flush();
  for (std::size_t s = 0; s < 7; ++s) {
    for (const double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 1.0}) CHECK(batched[s].quantile(q) == direct[s].quantile(q));
    CHECK(batched[s].sum() == direct[s].sum());
    CHECK(batched[s].min() == direct[s].min());
  }
}
