#pragma once
// What report.html shows, read from a run's folder: summary.json (required), timeseries.csv and
// tasks.csv (optional). Plain structs, so that charts and page assembly never touch JSON or CSV.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace meridian::report {

/// mean/p50/p95/p99/max of one distribution; a missing statistic stays empty.
struct Distribution {
  std::optional<double> mean, p50, p95, p99, max;
};

/// The metrics that summary.json repeats globally, per region and per workload.
struct Metrics {
  std::optional<double> arrived, completed, failed, restarted;
  Distribution wait_s, response_s;
  std::optional<double> slo_attainment;                     // empty: no objective
  std::vector<std::pair<std::string, double>> utilization;  // resource -> fraction, in file order
  std::optional<double> cost_usd, energy_kwh, carbon_kg, egress_gb, outages, residency_violations;
  std::optional<double> work_lost_gpu_h;
};

struct RegionData {
  std::string id;
  Metrics metrics;
  std::optional<std::pair<double, double>> location;  // lat, lon in degrees
  std::string timezone, jurisdiction;
  std::vector<std::pair<std::string, double>> capacity;  // resource -> units
  std::optional<double> downtime_s;
  std::vector<std::pair<double, double>> outage_intervals_s;  // [down, up) in simulated seconds
  /// Capacity in the region's first resource ("gpu" when present), for sizing its map dot.
  double primary_capacity() const;
};

struct WorkloadData {
  std::string id;
  std::string kind;  // "request" or "job"
  Metrics metrics;
  std::vector<double> response_cdf_s;  // values at quantiles 0, 0.025, ..., 1
};

struct LinkData {
  std::string a, b;
  bool directed = false;
  std::optional<double> latency_ms, bandwidth_gbps;
  std::optional<double> utilization;  ///< of the busier direction, after warm-up
  double bytes = 0.0;
};

/// A dataset's disaster-recovery record.
struct DatasetData {
  std::string id, home, primary_at_end;
  std::vector<std::string> copies;
  std::optional<double> size_gb, outages, rpo_s, rpo_gb, rto_mean_s, rto_max_s, lost_gb, replication_gb,
      replication_cost_usd;
  std::vector<std::pair<double, double>> unavailable_intervals_s;
};

/// Everything report.html shows from summary.json.
struct Summary {
  std::string version, scenario, seed;
  std::vector<std::pair<std::string, std::string>> policies;  // role -> "name (k=v, ...)"
  std::string start;                                          // ISO UTC, may be empty
  double horizon_s = 0.0, warmup_s = 0.0, end_s = 0.0;
  Metrics global;
  std::optional<double> imbalance_cv, imbalance_jain, egress_cost_usd;
  std::vector<RegionData> regions;
  std::vector<WorkloadData> workloads;
  std::vector<LinkData> links;
  std::vector<DatasetData> datasets;
  std::optional<double> events, wall_s, events_per_s;
  std::string fingerprint;
};

/// Reads `path`; throws std::runtime_error naming the file when it is missing, is not JSON or
/// holds a value of the wrong type.
Summary read_summary(const std::string& path);

/// One region's samples from timeseries.csv.
struct RegionSeries {
  std::string region;
  std::vector<double> t;                                                 // simulated seconds
  std::vector<std::pair<std::string, std::vector<double>>> utilization;  // resource -> fraction
  std::vector<double> queued;
};

/// Reads timeseries.csv, grouping rows by region in order of first appearance; throws
/// std::runtime_error naming the file and line of a row that does not parse.
std::vector<RegionSeries> read_timeseries(const std::string& path);

/// Response times (seconds) of completed tasks per workload from tasks.csv, counting only tasks
/// that arrived at or after `warmup_s` (as summary.json does); workloads in order of appearance.
std::vector<std::pair<std::string, std::vector<double>>> read_task_responses(const std::string& path, double warmup_s);

/// At most `max_points` points that keep each bucket's minimum and maximum in time order, so
/// spikes survive downsampling. xs must be sorted.
std::vector<std::pair<double, double>> downsample_min_max(const std::vector<double>& xs, const std::vector<double>& ys,
                                                          std::size_t max_points);

/// Empirical CDF of `values` (sorted in place) as at most `max_points` (value, fraction) points.
std::vector<std::pair<double, double>> empirical_cdf(std::vector<double>& values, std::size_t max_points);

}  // namespace meridian::report
