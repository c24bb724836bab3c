#pragma once
// The result of a comparison: per variant and metric, the mean over replications with its 95 %
// interval and the paired difference against the first variant. Everything the files, the
// terminal table and the baseline check need, computed once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/grid.hpp"
#include "compare/metrics_flatten.hpp"
#include "compare/statistics.hpp"

namespace meridian::compare {

inline constexpr double kConfidence = 0.95;

struct MetricSummary {
  std::string path;
  MeanEstimate value;  ///< over the replications that produced the metric (null ones are left out)
  /// This variant minus the first, paired by replication (only replications where both have
  /// the metric); empty for the first variant itself.
  std::optional<MeanEstimate> difference;
  /// The value of every replication, in replication order (size = Comparison::replications);
  /// empty where that replication did not produce the metric. A baseline stores these, so a
  /// later check can pair replication i with replication i.
  std::vector<std::optional<double>> per_replication;
};

struct VariantSummary {
  Variant variant;
  std::string label;
  std::uint64_t seed = 0;              ///< the variant's scenario seed: with the replication index, its random streams
  std::vector<MetricSummary> metrics;  ///< in Comparison::metric_paths order, those with data
  const MetricSummary* find(std::string_view path) const;
};

struct Comparison {
  std::string scenario;
  std::size_t replications = 0;
  std::vector<VaryAxis> axes;
  std::vector<std::string> metric_paths;  ///< every metric seen, in order of first appearance
  std::vector<VariantSummary> variants;
};

/// The headline metrics this comparison has, in order, for the terminal table and compare.html:
/// `headline_metrics()`, then the recovery point and time when some dataset lost its primary.
std::vector<std::string> present_headlines(const Comparison& c);

/// Builds the comparison from each run's metrics, indexed variant * replications + replication.
/// `seeds` holds each variant's scenario seed (empty: all 0, for tests that do not care).
Comparison summarize(std::string scenario, std::vector<VaryAxis> axes, const std::vector<Variant>& variants,
                     std::size_t replications, const std::vector<std::vector<MetricValue>>& runs,
                     const std::vector<std::uint64_t>& seeds = {});

}  // namespace meridian::compare
