#pragma once
// The scenario as plain structs: phase one of loading (YAML -> ScenarioSpec) fills these,
// phase two (world/build) turns them into the simulated world. Every value that a later
// check may complain about keeps its Where, so that phase two can still point at the file.
// Units are already converted: seconds/durations as SimDuration, bytes, bits/s, watts, $.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "meridian/core/error.hpp"
#include "meridian/core/time.hpp"

namespace meridian::scenario {

struct LatLon {
  double lat = 0.0;  ///< degrees, -90..90
  double lon = 0.0;  ///< degrees, -180..180
};

/// An amount of one named resource (gpu, cpu, ...). Amounts are whole units.
struct ResourceAmount {
  std::string resource;
  std::int64_t amount = 0;
  Where where;
};

/// A price per unit-hour of one named resource.
struct ResourcePrice {
  std::string resource;
  double dollars_per_hour = 0.0;
  Where where;
};

/// Per-unit power draw of one named resource while allocated.
struct ResourcePower {
  std::string resource;
  double watts = 0.0;
  Where where;
};

struct PowerSpec {
  std::vector<ResourcePower> per_unit;  ///< e.g. gpu: 700W, cpu: 8W
  double idle_fraction = 0.3;           ///< an idle unit draws this fraction of its power
  double pue = 1.0;                     ///< facility overhead multiplier
};

/// One hourly carbon-intensity sample.
struct CarbonPoint {
  std::int64_t unix_seconds = 0;  ///< UTC instant the hour starts
  double g_per_kwh = 0.0;
};

/// Carbon intensity: a constant, or an hourly UTC series read from a CSV file.
struct CarbonSpec {
  double constant_g_per_kwh = 0.0;
  std::vector<CarbonPoint> hourly;  ///< sorted by time; empty means use the constant
  std::string file;                 ///< the file the series came from, for messages
  Where where;
};

struct RegionSpec {
  std::string id;
  std::optional<LatLon> location;
  std::string timezone = "UTC";  ///< IANA zone name (checked against tzdata in phase one)
  std::string jurisdiction;      ///< empty: none given
  std::vector<ResourceAmount> capacity;
  std::vector<ResourcePrice> price;
  double egress_dollars_per_byte = 0.0;
  PowerSpec power;
  CarbonSpec carbon;
  Where where;
};

struct LinkSpec {
  std::string a, b;                      ///< region ids; a -> b when directed
  std::optional<SimDuration> latency;    ///< one-way; absent: from great-circle distance
  double bandwidth_bps = 0.0;            ///< 0: not given (treated as unlimited)
  bool directed = false;
  Where where;
};

struct DatasetSpec {
  std::string id;
  std::string home;  ///< region id
  double size_bytes = 0.0;
  double write_rate_bytes_per_s = 0.0;
  std::vector<std::string> residency;  ///< allowed jurisdictions; empty: anywhere
  Where where;
};

enum class Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun };

struct TeamSpec {
  std::string id;
  std::string region;
  int shift_start_minute = 9 * 60;  ///< local minutes after midnight
  int shift_end_minute = 18 * 60;   ///< may be below start for a shift over midnight
  std::vector<Weekday> days;        ///< empty means every day
  Where where;
};

enum class TaskClass { Request, Job };
enum class ArrivalProcess { Poisson, Fixed, Trace };

struct DiurnalSpec {
  double peak_hour = 14.0;  ///< local hour of the peak, 0 <= h < 24
  double amplitude = 0.0;   ///< 0 <= a <= 1: rate(t) = mean * (1 + a cos(2 pi (h(t) - peak) / 24))
};

struct ArrivalSpec {
  ArrivalProcess process = ArrivalProcess::Poisson;
  double rate_per_s = 0.0;  ///< mean over a day
  std::optional<DiurnalSpec> diurnal;
  Where where;
};

enum class DistKind { Fixed, Exponential, Uniform, Lognormal, Gamma };

/// A distribution of durations. Fixed uses mean; uniform uses min/max; the others mean (and cv).
struct DurationDist {
  DistKind kind = DistKind::Fixed;
  SimDuration mean{};
  double cv = 1.0;
  SimDuration min{};
  SimDuration max{};
  Where where;
};

/// Demand for one resource: a single amount or a weighted choice of amounts.
struct DemandSpec {
  std::string resource;
  std::vector<std::int64_t> choices;  ///< one element for a fixed amount
  std::vector<double> weights;        ///< same length as choices; all 1 when not given
  Where where;
};

/// One task from a trace file (CSV or SWF), already converted.
struct TraceRow {
  SimDuration submit{};  ///< since simulated time 0
  SimDuration duration{};
  std::vector<std::pair<std::string, std::int64_t>> demand;  ///< only the columns present
  std::string origin;    ///< empty: use the workload's origins
  std::optional<int> priority;
  int line = 0;          ///< line in the trace file, for messages
};

struct TraceSpec {
  std::string file;  ///< as resolved (relative paths are relative to the scenario file)
  enum class Format { Csv, Swf } format = Format::Csv;
  std::string processors_resource = "gpu";  ///< SWF `map: {processors: cpu}`
  std::vector<TraceRow> rows;               ///< sorted by submit time (stable)
  std::size_t skipped_rows = 0;  ///< SWF rows left out: run time or processors unknown (-1)
  Where where;
};

struct OriginWeight {
  std::string region;
  double weight = 1.0;
  Where where;
};

struct WorkloadSpec {
  std::string id;
  TaskClass task_class = TaskClass::Job;
  std::vector<OriginWeight> origins;  ///< empty: every region, equal weights
  ArrivalSpec arrivals;               ///< process Trace when `trace` is given
  std::optional<TraceSpec> trace;
  std::vector<DemandSpec> demand;     ///< defaults for trace rows too
  DurationDist duration;
  double input_bytes = 0.0;
  double output_bytes = 0.0;
  std::optional<SimDuration> slo;
  std::string dataset;  ///< empty: none
  std::optional<SimDuration> checkpoint_every;
  std::optional<SimDuration> deferrable;
  int priority = 0;  ///< higher runs first under the priority queue
  Where where;
};

/// One `key: value` parameter of a policy, kept as text until the policy table checks it.
struct PolicyParam {
  std::string key;
  std::string value;
  Where where;
};

/// `name` or `{name: ..., param: value, ...}`.
struct PolicyChoice {
  std::string name;
  std::vector<PolicyParam> params;
  Where where;
};

struct FailoverSpec {
  enum class Mode { Automatic, Manual } mode = Mode::Automatic;
  SimDuration detect = std::chrono::minutes{2};
  Where where;
};

struct PoliciesSpec {
  PolicyChoice scheduler{"least-loaded", {}, {}};
  PolicyChoice load_balancer{"latency", {}, {}};
  PolicyChoice queue{"fifo", {}, {}};
  PolicyChoice replication{"none", {}, {}};
  FailoverSpec failover;
  enum class Residency { Enforce, Audit } residency = Residency::Enforce;
};

struct ForecastSpec {
  enum class Method { Wma, Ses, HoltWinters } method = Method::HoltWinters;
  SimDuration season = std::chrono::hours{24};
  Where where;
};

struct FaultSpec {
  enum class Kind { RegionOutage, LinkFault, RandomOutage } kind = Kind::RegionOutage;
  std::string region;                 ///< region id, or "*" for every region (random outages)
  std::string link_a, link_b;         ///< for link faults
  SimDuration at{};                   ///< scheduled faults: start
  SimDuration duration{};             ///< scheduled faults: `for`
  std::optional<double> bandwidth_bps;  ///< link fault: degraded bandwidth; absent = cut
  SimDuration mtbf{};                 ///< random outages
  SimDuration mttr{};
  enum class UptimeDist { Exponential, Weibull } uptime_dist = UptimeDist::Exponential;  ///< random outages
  double weibull_shape = 1.0;
  std::optional<double> fraction;     ///< region faults: share of `resource` lost; absent = whole region down
  std::string resource = "gpu";
  Where where;
};

enum class OutputKind { Summary, Timeseries, Tasks, Trace, Report };

struct ScenarioSpec {
  int format_version = 1;
  std::string name;
  std::uint64_t seed = 1;
  std::int64_t start_unix_seconds = 1767225600;  ///< 2026-01-01T00:00:00Z unless given
  SimDuration horizon = std::chrono::hours{24};
  SimDuration warmup{};
  SimDuration sample_every = std::chrono::minutes{5};
  std::vector<RegionSpec> regions;
  std::vector<LinkSpec> links;
  std::vector<DatasetSpec> datasets;
  std::vector<TeamSpec> teams;
  std::vector<WorkloadSpec> workloads;
  PoliciesSpec policies;
  std::optional<ForecastSpec> forecast;
  std::vector<FaultSpec> faults;
  std::vector<OutputKind> outputs{OutputKind::Summary, OutputKind::Timeseries, OutputKind::Report};
  std::string source_file;  ///< the scenario file as given
};

}  // namespace meridian::scenario
