#pragma once
// The world a run simulates, built from a ScenarioSpec (phase two) and read-only during a run:
// regions with their clocks and carbon, the sealed topology, workloads with resolved indices,
// faults, and the chosen policies with their checked parameters.

#include <optional>
#include <string>
#include <vector>

#include "meridian/core/error.hpp"
#include "meridian/core/params.hpp"
#include "meridian/model/region.hpp"
#include "meridian/policy/registry.hpp"
#include "model/carbon_intensity.hpp"
#include "model/local_clock.hpp"
#include "model/topology.hpp"
#include "scenario/spec.hpp"

namespace meridian {

/// Demand for one resource: a fixed amount or a weighted choice.
struct DemandModel {
  std::size_t resource = 0;
  std::vector<std::int64_t> choices;
  std::vector<double> weights;
};

/// One task of a trace, with resolved indices.
struct TraceTask {
  SimDuration submit{};
  SimDuration duration{};
  ResourceVector demand;
  RegionIndex origin = kNoRegion;  ///< kNoRegion: drawn from the workload's origin weights
  int priority = 0;
};

struct WorkloadModel {
  std::string id;
  bool is_request = false;
  std::vector<RegionIndex> origins;
  std::vector<double> origin_weights;
  scenario::ArrivalProcess process = scenario::ArrivalProcess::Poisson;
  double rate_per_s = 0.0;
  std::optional<scenario::DiurnalSpec> diurnal;
  std::vector<DemandModel> demand;
  scenario::DurationDist duration;
  double input_bytes = 0.0;
  double output_bytes = 0.0;
  std::optional<SimDuration> slo;
  std::optional<SimDuration> checkpoint_every;
  DatasetIndex dataset = kNoDataset;
  int priority = 0;
  std::vector<TraceTask> trace;
  std::vector<char> residency_allows;  ///< per region: may this workload's data be there
};

struct DatasetModel {
  std::string id;
  RegionIndex home = 0;
  double size_bytes = 0.0;
  double write_rate_bytes_per_s = 0.0;
  std::vector<std::string> residency;
  /// Where the replication policy keeps its copies: the nearest regions (by route latency from
  /// home) that residency allows, as many as the policy's `copies`.
  std::vector<RegionIndex> copy_regions;
};

/// People who can carry out a manual failover while on shift (local time of their region).
struct TeamModel {
  std::string id;
  RegionIndex region = 0;
  int shift_start_minute = 0;
  int shift_end_minute = 0;       ///< below the start for a shift over midnight
  std::uint8_t days_mask = 0x7f;  ///< bit d = on duty on weekday d (0 = Monday), by the shift's start day
};

struct FailoverModel {
  bool manual = false;
  SimDuration detect{};
};

/// A source of faults: a region outage or a link fault (degradation or cut), in one scheduled
/// window or as a random failure/repair process.
struct FaultModel {
  bool on_link = false;
  RegionIndex region = 0;              ///< region outages
  std::uint32_t link = 0;              ///< link faults: index into Model::links
  std::optional<double> bandwidth_bps;  ///< link faults: bandwidth while degraded; absent = cut
  bool random = false;
  SimDuration at{};        ///< scheduled
  SimDuration duration{};  ///< scheduled
  SimDuration mtbf{};      ///< random
  SimDuration mttr{};      ///< random
  bool weibull = false;    ///< random: time to failure is Weibull (mean mtbf), else exponential
  double weibull_shape = 1.0;
  /// Region faults: a partial loss takes `lost_units` of resource `resource` out of service
  /// (the region stays up); 0 = the whole region goes down.
  std::int64_t lost_units = 0;
  std::size_t resource = 0;
  std::string stream_name;
};

struct LinkModel {
  RegionIndex a = 0;
  RegionIndex b = 0;
  bool directed = false;
  SimDuration latency{};
  double bandwidth_bps = 0.0;
};

/// A chosen policy: its table entry and its parameters (defaults filled in).
struct PolicySelection {
  const PolicyEntry* entry = nullptr;
  PolicyParams params;
};

struct OutputSelection {
  bool summary = false, timeseries = false, tasks = false, trace = false, report = false;
};

struct Model {
  std::string name;
  std::uint64_t seed = 1;
  std::int64_t start_unix_seconds = 0;
  SimDuration horizon{};
  SimDuration warmup{};
  SimDuration sample_every{};
  std::vector<std::string> resource_names;
  std::vector<RegionInfo> regions;
  std::vector<std::optional<scenario::LatLon>> locations;  ///< per region, for maps
  std::vector<LocalClock> clocks;
  std::vector<CarbonIntensity> carbon;
  std::vector<LinkModel> links;
  Topology topology;
  std::vector<WorkloadModel> workloads;
  std::vector<DatasetModel> datasets;
  std::vector<TeamModel> teams;
  FailoverModel failover;
  std::vector<FaultModel> faults;
  PolicySelection scheduler, load_balancer, queue, replication;
  bool residency_enforce = true;
  OutputSelection outputs;
  std::string source_file;

  /// Index of a resource name, if the world has it.
  std::optional<std::size_t> resource_index(const std::string& resource) const;
};

/// Phase two: checks what needs the whole scenario (policy names and parameters, resource
/// counts, reachability) and builds the model. Problems are added to `diagnostics`; the
/// returned model is meaningful only when none were added.
Model build_model(const scenario::ScenarioSpec& spec, Diagnostics& diagnostics);

}  // namespace meridian
