#include "compare/metrics_flatten.hpp"

#include <array>

namespace meridian::compare {

namespace {

// Inputs echoed into summary.json for the report (a region's capacity and map position, a
// dataset's size): the same in every run of a variant, so as "metrics" they would only add
// rows with zero-width intervals.
bool is_scenario_input(const std::string& key) { return key == "capacity" || key == "location" || key == "size_gb"; }

void flatten(const nlohmann::ordered_json& node, const std::string& path, std::vector<MetricValue>& out) {
  if (node.is_object()) {
    for (const auto& [key, child] : node.items()) {
      if (key == "run" || key == "simulated" || is_scenario_input(key)) continue;
      flatten(child, path + "." + key, out);
    }
  } else if (node.is_number()) {
    out.emplace_back(path, node.get<double>());
  }
  // Null (no data), strings, booleans and lists are not metrics.
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const auto word : words)
    if (text.find(word) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::vector<MetricValue> flatten_metrics(const nlohmann::ordered_json& summary) {
  std::vector<MetricValue> out;
  for (const char* section : {"global", "regions", "workloads", "datasets"}) {
    const auto it = summary.find(section);
    if (it != summary.end()) flatten(*it, section, out);
  }
  return out;
}

Direction metric_direction(std::string_view path) {
  const auto parts = split(path);
  const std::string_view name = parts.back();
  const std::string_view parent = parts.size() > 1 ? parts[parts.size() - 2] : std::string_view{};
  if (parent == "imbalance") {
    if (name == "cv") return Direction::kHigherIsWorse;
    if (name == "jain") return Direction::kLowerIsWorse;
    return Direction::kNeutral;
  }
  // How busy the fleet was is an outcome of the load, not a goal: neither way is "worse".
  if (name == "utilization" || parent == "utilization") return Direction::kNeutral;
  // A statistic (wait_s.p99) or a unit (rpo.gb) takes its direction from what it measures.
  static constexpr std::array<std::string_view, 11> kStatistics = {"mean", "p50", "p90", "p95", "p99", "p999",
                                                                   "max",  "min", "sum", "s",   "gb"};
  bool statistic = false;
  for (const auto s : kStatistics) statistic = statistic || name == s;
  const auto classify = [](std::string_view subject) {
    if (subject == "arrived") return Direction::kNeutral;
    if (contains_any(subject, {"slo_attainment", "completed", "availability"})) return Direction::kLowerIsWorse;
    if (contains_any(subject, {"wait", "response", "cost", "energy", "carbon", "egress", "failed", "restarted",
                               "violations", "lost", "outages", "downtime", "unavailable", "rpo", "rto", "mape"}))
      return Direction::kHigherIsWorse;
    return Direction::kNeutral;
  };
  if (statistic && !parent.empty()) return classify(parent);
  // A per-resource figure (capacity_lost_unit_h.gpu) is judged by what it is a figure of.
  const Direction direct = classify(name);
  return direct == Direction::kNeutral && name != "arrived" && !parent.empty() ? classify(parent) : direct;
}

const char* direction_name(Direction direction) {
  switch (direction) {
    case Direction::kHigherIsWorse:
      return "higher is worse";
    case Direction::kLowerIsWorse:
      return "lower is worse";
    case Direction::kNeutral:
      break;
  }
  return "neutral";
}

const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> metrics = {
      "global.tasks.completed", "global.wait_s.mean",    "global.wait_s.p99",
      "global.response_s.mean", "global.response_s.p99", "global.slo_attainment",
      "global.utilization.gpu", "global.cost_usd",       "global.carbon_kg"};
  return metrics;
}

const std::vector<std::string>& default_tolerance_metrics() {
  // The headline metrics that have a direction (utilization is neutral, so it is left out).
  static const std::vector<std::string> metrics = {
      "global.tasks.completed", "global.wait_s.mean",    "global.wait_s.p99", "global.response_s.mean",
      "global.response_s.p99",  "global.slo_attainment", "global.cost_usd",   "global.carbon_kg"};
  return metrics;
}

}  // namespace meridian::compare
