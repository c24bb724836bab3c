#pragma once
// One reader per section of the scenario; loader.cpp calls them in dependency order (regions
// first, so that every later reference can be checked and get a "did you mean").

#include <cstdint>
#include <string>
#include <vector>

#include "scenario/spec.hpp"
#include "scenario/yaml_reader.hpp"

namespace meridian::scenario {

/// `regions:`; also records region ids and resource names in the context.
std::vector<RegionSpec> read_regions(const Located& list);
/// A region's `carbon:`: a number (gCO2/kWh) or `{file: path}` to an hourly UTC CSV.
CarbonSpec read_carbon(const Located& value);

/// `links:`, `datasets:` (records dataset ids) and `teams:`.
std::vector<LinkSpec> read_links(const Located& list);
std::vector<DatasetSpec> read_datasets(const Located& list, const std::vector<RegionSpec>& regions);
std::vector<TeamSpec> read_teams(const Located& list);

/// `workloads:`; trace files are read here too. `start_unix_seconds` places ISO submit times.
std::vector<WorkloadSpec> read_workloads(const Located& list, std::int64_t start_unix_seconds);
/// A workload's `trace:` and the rows of its file.
TraceSpec read_trace(const Located& value, const std::string& workload_id, std::int64_t start_unix_seconds);

/// `policies:`, `forecast:`, `faults:`.
PoliciesSpec read_policies(const Located& map);
ForecastSpec read_forecast(const Located& map);
/// Link faults are checked against `links`.
std::vector<FaultSpec> read_faults(const Located& list, const std::vector<LinkSpec>& links);

}  // namespace meridian::scenario
