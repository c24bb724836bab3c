#pragma once
// summary.json as a flat list of named numbers ("global.wait_s.p99" -> 3.5), and which way is
// worse for each of them, so baselines can tell a regression from an improvement.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace meridian::compare {

/// A metric's path and value.
using MetricValue = std::pair<std::string, double>;

/// Every numeric leaf under `global`, `regions`, `workloads` and `datasets`, in document order,
/// as dotted paths. Skipped: nulls (a statistic with no data), strings, booleans, lists
/// (CDFs, outage intervals), the `run` and `simulated` sections (wall time, horizon) and the
/// scenario's own inputs echoed in the summary (`capacity`, `location`, `size_gb`).
std::vector<MetricValue> flatten_metrics(const nlohmann::ordered_json& summary);

/// Which way a metric gets worse.
enum class Direction { kHigherIsWorse, kLowerIsWorse, kNeutral };

/// From the metric's last path component(s): waits, responses, costs, energy, carbon, egress,
/// failures, restarts, violations, anything lost (work, data, capacity), outages, downtime,
/// unavailability, RPO, RTO and imbalance.cv are worse when higher; slo_attainment, completed,
/// availability and imbalance.jain when lower; utilization, arrived and anything unrecognised
/// are neutral (reported, never a regression). A statistic or unit (`.p99`, `.s`, `.gb`) takes
/// the direction of what it measures.
Direction metric_direction(std::string_view path);

/// "higher is worse", "lower is worse" or "neutral".
const char* direction_name(Direction direction);

/// The metrics the terminal table and compare.html show, in order (those present are used).
const std::vector<std::string>& headline_metrics();

/// The metrics a baseline check uses when no --tolerance is given (each at 5 %).
const std::vector<std::string>& default_tolerance_metrics();

}  // namespace meridian::compare
