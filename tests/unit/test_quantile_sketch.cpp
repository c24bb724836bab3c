#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "meridian/core/rng.hpp"
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
