#pragma once
// The panels of report.html, each an HTML fragment (<section>...</section>) built from the run's
// data. page_sections.cpp: header, key numbers, topology; chart_sections.cpp: the charts.

#include <string>
#include <utility>
#include <vector>

#include "report/run_data.hpp"

namespace meridian::report {

/// What the page is built from; the optional files are empty when the run did not write them.
struct RunFiles {
  Summary summary;
  bool has_timeseries = false;
  std::vector<RegionSeries> timeseries;
  bool has_tasks = false;
  std::vector<std::pair<std::string, std::vector<double>>> task_responses;
};

/// Title, scenario, seed, policies, simulated span, events and wall time.
std::string header_section(const Summary& s);
/// Cards with the headline numbers.
std::string key_numbers_section(const Summary& s);
/// The world map with regions and links, and the region table beside it.
std::string topology_section(const Summary& s);
/// Utilization (small multiples) and queue length over time, or a note without timeseries.csv.
std::string timeseries_sections(const RunFiles& run);
/// Response-time CDF per workload on a log axis, and the workload table.
std::string latency_section(const RunFiles& run);
/// Cost, energy and carbon per region; SLO attainment per workload.
std::string cost_sections(const Summary& s);
/// Outage intervals per region (and the times each dataset was not served) over the simulated
/// span, followed by the recovery table.
std::string outage_section(const Summary& s);
/// RPO, RTO, data lost and replication per dataset; empty without datasets.
std::string recovery_section(const Summary& s);

/// The index of `region` in the summary (its colour), or the region count when unknown.
std::size_t region_index(const Summary& s, const std::string& region);

}  // namespace meridian::report
