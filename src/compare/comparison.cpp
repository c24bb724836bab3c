#include "compare/comparison.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace meridian::compare {

const MetricSummary* VariantSummary::find(std::string_view path) const {
  for (const auto& m : metrics)
    if (m.path == path) return &m;
  return nullptr;
}

Comparison summarize(std::string scenario, std::vector<VaryAxis> axes, const std::vector<Variant>& variants,
                     std::size_t replications, const std::vector<std::vector<MetricValue>>& runs,
                     const std::vector<std::uint64_t>& seeds) {
  if (runs.size() != variants.size() * replications) throw std::logic_error("summarize: wrong number of runs");
  if (!seeds.empty() && seeds.size() != variants.size()) throw std::logic_error("summarize: wrong number of seeds");
  Comparison c;
  c.scenario = std::move(scenario);
  c.replications = replications;
  c.axes = std::move(axes);

  // The union of metric names, in run-index order: a region that only some variants use still
  // gets a row, and the order does not depend on which thread finished first.
  std::unordered_set<std::string> seen;
  for (const auto& run : runs)
    for (const auto& [path, value] : run)
      if (seen.insert(path).second) c.metric_paths.push_back(path);

  // Per run, path -> value, for lookups by name.
  std::vector<std::unordered_map<std::string, double>> lookup(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (const auto& [path, value] : runs[i]) lookup[i][path] = value;
  const auto value_at = [&](std::size_t variant, std::size_t replication, const std::string& path) -> const double* {
    const auto& map = lookup[variant * replications + replication];
    const auto it = map.find(path);
    return it == map.end() ? nullptr : &it->second;
  };

  for (std::size_t v = 0; v < variants.size(); ++v) {
    VariantSummary vs;
    vs.variant = variants[v];
    vs.label = variant_label(variants[v]);
    vs.seed = seeds.empty() ? 0 : seeds[v];
    for (const auto& path : c.metric_paths) {
      std::vector<double> values, paired_here, paired_reference;
      std::vector<std::optional<double>> per_replication(replications);
      for (std::size_t r = 0; r < replications; ++r) {
        const double* here = value_at(v, r, path);
        if (!here) continue;
        values.push_back(*here);
        per_replication[r] = *here;
        if (const double* reference = value_at(0, r, path)) {
          paired_here.push_back(*here);
          paired_reference.push_back(*reference);
        }
      }
      if (values.empty()) continue;
      MetricSummary m;
      m.path = path;
      m.value = estimate_mean(values, kConfidence);
      m.per_replication = std::move(per_replication);
      if (v > 0 && !paired_here.empty())
        m.difference = estimate_paired_difference(paired_here, paired_reference, kConfidence);
      vs.metrics.push_back(std::move(m));
    }
    c.variants.push_back(std::move(vs));
  }
  return c;
}

std::vector<std::string> present_headlines(const Comparison& c) {
  const auto present = [&](const std::string& path) {
    return std::find(c.metric_paths.begin(), c.metric_paths.end(), path) != c.metric_paths.end();
  };
  std::vector<std::string> out;
  for (const auto& path : headline_metrics())
    if (present(path)) out.push_back(path);
  // Disaster recovery matters only where a dataset's region failed in some variant.
  bool hit = false;
  for (const auto& v : c.variants)
    if (const MetricSummary* m = v.find("global.rto_s.max")) hit = hit || m->value.mean > 0.0;
  if (hit)
    for (const std::string path : {"global.rpo.s", "global.rto_s.max"})
      if (present(path)) out.push_back(path);
  return out;
}

}  // namespace meridian::compare
