// The JSON Schema of the scenario format, built from the same facts the loader uses. Where the
// loader rejects unknown keys (every MapReader), objects say `additionalProperties: false`;
// keys that are names (resources, origins) are checked with `propertyNames`. Quantities are
// strings whose patterns follow the unit grammar of src/core/units.cpp: an optional `$` (prices
// only), digits with at most one point, then the unit with no space.

#include "scenario/schema.hpp"

#include <charconv>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "meridian/policy/registry.hpp"
#include "scenario/scenario_limits.hpp"

namespace meridian::scenario {
namespace {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Value forms

constexpr std::string_view kNumber = "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)";
constexpr std::string_view kDurationUnits = "(?:ns|us|ms|s|m|h|d|w)";
constexpr std::string_view kSizeUnits = "(?:B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)";
constexpr std::string_view kBandwidthUnits = "(?:bps|Kbps|Mbps|Gbps|Tbps)";
constexpr std::string_view kPowerUnits = "(?:W|kW|MW)";
constexpr std::string_view kPerTime = "(?:s|m|h|d)";
constexpr std::string_view kPerTimeWithWeek = "(?:s|m|h|d|w)";
constexpr std::string_view kIdPattern = "^[a-z0-9-]+$";
constexpr std::string_view kDays = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)";

std::string anchored(std::initializer_list<std::string_view> parts) {
  std::string out = "^";
  for (const auto p : parts) out += p;
  return out + "$";
}

Json text_pattern(const std::string& pattern, std::string_view description) {
  return Json{{"type", "string"}, {"pattern", pattern}, {"description", description}};
}

Json duration(std::string_view description) {
  return text_pattern(anchored({kNumber, kDurationUnits}), description);
}
Json size(std::string_view description) { return text_pattern(anchored({kNumber, kSizeUnits}), description); }
Json bandwidth(std::string_view description) {
  return text_pattern(anchored({kNumber, kBandwidthUnits}), description);
}
Json data_rate(std::string_view description) {
  return text_pattern(anchored({kNumber, kSizeUnits, "/", kPerTime}), description);
}
Json arrival_rate(std::string_view description) {
  return text_pattern(anchored({kNumber, "/", kPerTimeWithWeek}), description);
}
Json power(std::string_view description) { return text_pattern(anchored({kNumber, kPowerUnits}), description); }
Json price_per_time(std::string_view description) {
  return text_pattern(anchored({"\\$?", kNumber, "/", kPerTime}), description);
}
Json price_per_size(std::string_view description) {
  return text_pattern(anchored({"\\$?", kNumber, "/", kSizeUnits}), description);
}
Json id(std::string_view description) { return text_pattern(std::string(kIdPattern), description); }
Json text(std::string_view description) { return Json{{"type", "string"}, {"description", description}}; }

Json number(std::string_view description, double minimum) {
  return Json{{"type", "number"}, {"minimum", minimum}, {"description", description}};
}
Json number(std::string_view description, double minimum, double maximum) {
  return Json{{"type", "number"}, {"minimum", minimum}, {"maximum", maximum}, {"description", description}};
}
Json amount(std::string_view description) {
  return Json{{"type", "integer"}, {"minimum", 0}, {"maximum", limits::kMaxUnits}, {"description", description}};
}
Json enumeration(std::vector<std::string> values, std::string_view description) {
  return Json{{"type", "string"}, {"enum", values}, {"description", description}};
}

/// A mapping that accepts exactly `properties` (the keys of a MapReader).
Json closed_object(std::string_view description, Json properties, std::vector<std::string> required = {}) {
  Json o{{"type", "object"}, {"description", description}};
  o["properties"] = std::move(properties);
  if (!required.empty()) o["required"] = required;
  o["additionalProperties"] = false;
  return o;
}

/// A mapping from names (ids) to values of one form.
Json named_map(std::string_view description, Json values) {
  return Json{{"type", "object"},
              {"description", description},
              {"propertyNames", {{"pattern", kIdPattern}}},
              {"additionalProperties", std::move(values)}};
}

Json list_of(std::string_view description, Json items) {
  return Json{{"type", "array"}, {"description", description}, {"items", std::move(items)}};
}

/// `{ if: {key: const value}, then: ... }` for objects whose keys depend on one value.
Json when(std::string_view key, std::string_view value, Json then) {
  Json condition{{"properties", {{key, {{"const", value}}}}}, {"required", {key}}};
  return Json{{"if", std::move(condition)}, {"then", std::move(then)}};
}

Json forbid(std::initializer_list<std::string_view> keys) {
  Json properties = Json::object();
  for (const auto k : keys) properties[std::string(k)] = false;
  return Json{{"properties", std::move(properties)}};
}

// ---------------------------------------------------------------------------------------------
// Sections

Json region_schema() {
  Json power_keys{{"idle", number("an idle unit draws this fraction of its power (default 0.3)", 0, 1)},
                  {"pue", number("facility overhead multiplier (default 1.0)", 1)}};
  Json power_map{{"type", "object"},
                 {"description", "power draw per allocated unit of each resource, e.g. {gpu: 700W, cpu: 8W, idle: "
                                 "0.3, pue: 1.2}; keys are resources of this region's capacity"},
                 {"properties", std::move(power_keys)},
                 {"propertyNames", {{"pattern", kIdPattern}}},
                 {"additionalProperties", power("per-unit power such as 700W or 1.2kW")}};
  Json carbon{{"description", "gCO2/kWh; or {file: carbon/us-east.csv} (hourly, UTC)"},
              {"oneOf",
               {number("constant carbon intensity in gCO2/kWh", 0),
                closed_object("an hourly UTC series from a CSV file of `time,gCO2/kWh` rows",
                              {{"file", text("the CSV file, relative to the scenario")}}, {"file"})}}};
  return closed_object(
      "a region: a site of the simulated world",
      {{"id", id("unique; [a-z0-9-]+")},
       {"location", closed_object("optional; draws the map, gives default link latency",
                                  {{"lat", number("latitude in degrees", -90, 90)},
                                   {"lon", number("longitude in degrees", -180, 180)}},
                                  {"lat", "lon"})},
       {"timezone", text("IANA zone; local time drives diurnal load, shifts, prices (default UTC)")},
       {"jurisdiction", text("tag used by dataset residency rules")},
       {"capacity", named_map("resource pools; names are free, gpu and cpu by convention",
                              amount("whole units of this resource"))},
       {"price", named_map("$ per unit-hour while allocated", price_per_time("a price such as 3.90/h"))},
       {"egress", price_per_size("$ per GB leaving the region, such as 0.02/GB")},
       {"power", std::move(power_map)},
       {"carbon", std::move(carbon)}},
      {"id"});
}

Json link_schema() {
  Json between = list_of("the two regions it joins", id("region id"));
  between["minItems"] = 2;
  between["maxItems"] = 2;
  return closed_object(
      "a link between two regions; undirected unless `directed: true`; routing = lowest latency path",
      {{"between", std::move(between)},
       {"latency", duration("one-way; if omitted and both ends have a location, it is great-circle distance / "
                            "(200 km/ms) * 1.5 route factor")},
       {"bandwidth", bandwidth("link bandwidth such as 100Gbps (absent: unlimited)")},
       {"directed", Json{{"type", "boolean"}, {"description", "a -> b only (default false)"}}}},
      {"between"});
}

Json dataset_schema() {
  return closed_object(
      "a dataset that workloads read",
      {{"id", id("unique; [a-z0-9-]+")},
       {"home", id("the region it lives in")},
       {"size", size("its size, such as 50TB")},
       {"write_rate", data_rate("how fast it changes: sizes incremental backups, data lost on failure")},
       {"residency", list_of("jurisdictions that may hold or process it (absent: anywhere)",
                             text("a jurisdiction tag"))}},
      {"id", "home", "size"});
}

Json team_schema() {
  std::string days_pattern = "^(?:daily|";
  days_pattern += std::string(kDays) + "|" + std::string(kDays) + "-" + std::string(kDays) + ")$";
  Json day{{"type", "string"}, {"pattern", anchored({kDays})}, {"description", "a day such as mon"}};
  Json days{{"description", "days on shift: daily, a day, a range such as mon-fri, or a list of days"},
            {"oneOf", {text_pattern(days_pattern, "daily, mon, or a range such as mon-fri"),
                       list_of("days such as [mon, wed]", std::move(day))}}};
  return closed_object(
      "people who must act for manual failover (follow-the-sun)",
      {{"id", id("unique; [a-z0-9-]+")},
       {"region", id("its time zone is the region's")},
       {"shift", text_pattern("^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$", "local time, such as \"09:00-18:00\"")},
       {"days", std::move(days)}},
      {"id", "region"});
}

Json demand_schema() {
  Json choice = list_of("the amounts to choose from", amount("whole units"));
  choice["minItems"] = 1;
  Json amounts{{"oneOf",
                {amount("whole units held for the whole service time"),
                 closed_object("a weighted choice of amounts, such as {choice: [8, 16, 64], weights: [6, 3, 1]}",
                               {{"choice", std::move(choice)},
                                {"weights", list_of("one weight per choice (default: equal)",
                                                    number("a weight", 0))}},
                               {"choice"})}}};
  return named_map("held for the whole service time, per resource", std::move(amounts));
}

Json duration_schema() {
  Json dist = closed_object("a distribution of durations",
                            {{"dist", enumeration({"fixed", "exponential", "uniform", "lognormal", "gamma"},
                                                  "exponential | fixed | uniform | lognormal | gamma")},
                             {"mean", duration("mean duration (fixed, exponential, lognormal, gamma)")},
                             {"cv", Json{{"type", "number"},
                                         {"exclusiveMinimum", 0},
                                         {"description", "coefficient of variation (lognormal, gamma; default 1)"}}},
                             {"min", duration("lower bound (uniform)")},
                             {"max", duration("upper bound (uniform)")},
                             {"value", duration("the duration (fixed)")}},
                            {"dist"});
  Json fixed = forbid({"cv", "min", "max"});
  fixed["anyOf"] = Json::array({{{"required", {"value"}}}, {{"required", {"mean"}}}});
  fixed["not"] = {{"required", {"value", "mean"}}};
  Json exponential = forbid({"cv", "min", "max", "value"});
  exponential["required"] = {"mean"};
  Json uniform = forbid({"mean", "cv", "value"});
  uniform["required"] = {"min", "max"};
  Json shaped = forbid({"min", "max", "value"});
  shaped["required"] = {"mean"};
  dist["allOf"] = Json::array({when("dist", "fixed", std::move(fixed)), when("dist", "exponential", exponential),
                               when("dist", "uniform", std::move(uniform)), when("dist", "lognormal", shaped),
                               when("dist", "gamma", shaped)});
  return Json{{"description", "a duration (fixed), or {dist: ..., ...}"},
              {"oneOf", {duration("a fixed duration such as 300ms"), std::move(dist)}}};
}

Json arrivals_schema() {
  Json diurnal = closed_object(
      "in each origin's local time: rate(t) = mean * (1 + amplitude cos(2 pi (h(t) - peak) / 24))",
      {{"peak", text_pattern("^[0-9]{2}:[0-9]{2}$", "local time of the peak, such as \"14:00\"")},
       {"amplitude", number("0 <= amplitude <= 1", 0, 1)}});
  Json arrivals = closed_object("how tasks arrive",
                                {{"process", enumeration({"poisson", "fixed", "trace"}, "poisson | fixed | trace")},
                                 {"rate", arrival_rate("mean over a day, such as 800/s, 20/h or 500/d")},
                                 {"diurnal", std::move(diurnal)}});
  // A trace takes its arrivals from the file: no rate; otherwise the rate is required.
  Json condition{{"properties", {{"process", {{"const", "trace"}}}}}, {"required", {"process"}}};
  arrivals["if"] = std::move(condition);
  arrivals["then"] = forbid({"rate"});
  arrivals["else"] = {{"required", {"rate"}}};
  return arrivals;
}

Json trace_schema() {
  return closed_object(
      "take arrivals and durations from a trace file",
      {{"file", text("the trace, relative to the scenario (CSV, or SWF when it ends in .swf)")},
       {"format", enumeration({"csv", "swf"}, "csv, or swf (Standard Workload Format)")},
       {"map", closed_object("SWF only: which resource the processors column means",
                             {{"processors", id("a resource (default gpu)")}}, {"processors"})}},
      {"file"});
}

Json workload_schema() {
  Json priority{{"type", "integer"}, {"description", "higher runs first under the priority queue (default 0)"}};
  Json w = closed_object(
      "a stream of tasks",
      {{"id", id("unique; [a-z0-9-]+")},
       {"class", enumeration({"request", "job"},
                             "request: routed by the load balancer; job: placed by the scheduler")},
       {"origins", named_map("where arrivals come from (weights; absent: every region, equal weights)",
                             number("a weight", 0))},
       {"arrivals", arrivals_schema()},
       {"demand", demand_schema()},
       {"duration", duration_schema()},
       {"input", size("moved from origin to the serving region before service")},
       {"output", size("moved back after service (requests: part of the response time)")},
       {"slo", duration("response-time objective, counted per task")},
       {"dataset", id("must run where residency allows; reads it from the nearest replica")},
       {"checkpoint_every", duration("on failure, work since the last checkpoint is lost")},
       {"deferrable", duration("may start up to this late (for cost / carbon shifting)")},
       {"priority", std::move(priority)},
       {"trace", trace_schema()}},
      {"id", "class"});
  // A trace workload takes durations (and arrivals) from its file; any other needs both.
  Json with_trace = forbid({"duration"});
  with_trace["properties"]["arrivals"] = {{"properties", {{"process", {{"const", "trace"}}}}},
                                          {"required", {"process"}}};
  Json without_trace{{"required", {"arrivals", "duration"}},
                     {"properties", {{"arrivals", {{"properties", {{"process", {{"not", {{"const", "trace"}}}}}}}}}}}};
  w["if"] = {{"required", {"trace"}}};
  w["then"] = std::move(with_trace);
  w["else"] = std::move(without_trace);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Policies, from the policy table

bool is_integer_text(std::string_view t) {
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return !t.empty() && ec == std::errc() && ptr == t.data() + t.size();
}

bool is_number_text(std::string_view t) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return !t.empty() && ec == std::errc() && ptr == t.data() + t.size();
}

/// A parameter's schema: its form is inferred from how its default is written.
Json param_schema(const ParamSpec& p) {
  const std::string def(p.default_value);
  if (is_integer_text(def)) {
    std::int64_t v = 0;
    std::from_chars(def.data(), def.data() + def.size(), v);
    return Json{{"type", "integer"}, {"description", p.doc}, {"default", v}};
  }
  if (is_number_text(def)) return Json{{"type", "number"}, {"description", p.doc}, {"default", std::stod(def)}};
  const std::string duration_pattern = anchored({kNumber, kDurationUnits});
  if (std::regex_match(def, std::regex(duration_pattern))) {
    Json d = duration(p.doc);
    d["default"] = def;
    return d;
  }
  return Json{{"type", "string"}, {"description", p.doc}, {"default", def}};
}

Json family_schema(PolicyFamily family, std::string_view description, std::string_view default_name) {
  std::vector<std::string> names;
  Json objects = Json::array();
  for (const auto& entry : builtin_policies()) {
    if (entry.family != family) continue;
    names.emplace_back(entry.name);
    Json properties{{"name", {{"const", entry.name}, {"description", entry.summary}}}};
    for (const auto& p : entry.params) properties[std::string(p.name)] = param_schema(p);
    objects.push_back(closed_object(entry.summary, std::move(properties), {"name"}));
  }
  Json by_name{{"type", "string"}, {"enum", names}, {"description", "a registered policy name"}};
  Json with_params{{"type", "object"},
                   {"description", "{name: ..., param: value, ...}"},
                   {"required", {"name"}},
                   {"oneOf", std::move(objects)}};
  return Json{{"description", description},
              {"default", default_name},
              {"oneOf", {std::move(by_name), std::move(with_params)}}};
}

Json policies_schema() {
  return closed_object(
      "the policies of the run",
      {{"scheduler", family_schema(PolicyFamily::Scheduler, "places jobs; a name, or {name: ..., param: value, ...}",
                                   "least-loaded")},
       {"load_balancer", family_schema(PolicyFamily::LoadBalancer,
                                       "routes requests; a name, or {name: ..., param: value, ...}", "latency")},
       {"queue", family_schema(PolicyFamily::Queue, "fifo | priority | backfill (EASY)", "fifo")},
       {"replication", family_schema(PolicyFamily::Replication,
                                     "dataset copies; a name, or {name: ..., param: value, ...}", "none")},
       {"failover", closed_object("how a failed region's work moves",
                                  {{"mode", enumeration({"automatic", "manual"},
                                                        "automatic, or manual (needs an on-shift team)")},
                                   {"detect", duration("time to detect a failure (default 2m)")}})},
       {"residency", enumeration({"enforce", "audit"}, "enforce | audit (run anyway, count violations)")}});
}

Json fault_schema() {
  Json link = list_of("the link's two regions", id("region id"));
  link["minItems"] = 2;
  link["maxItems"] = 2;
  const auto at = [] { return duration("when it starts, from simulated time 0"); };
  const auto lasts = [] { return duration("how long it lasts"); };
  const auto fraction = [] {
    return number("a partial loss: this share of the region's units (of `resource`) out of service; the region stays up",
                  0, 1);
  };
  const auto resource = [] { return id("the resource a partial loss takes (default gpu)"); };
  return Json{
      {"description", "a scheduled outage {region, at, for}, a link fault {link, at, for, bandwidth?} or random "
                      "outages {region: ID or \"*\", mtbf, mttr}; a region fault with `fraction` loses only that "
                      "share of its units"},
      {"oneOf",
       {closed_object("outage: running work is lost to its last checkpoint",
                      {{"region", id("the region")},
                       {"at", at()},
                       {"for", lasts()},
                       {"fraction", fraction()},
                       {"resource", resource()}},
                      {"region", "at", "for"}),
        closed_object("link degradation (omit bandwidth: cut)",
                      {{"link", std::move(link)},
                       {"at", at()},
                       {"for", lasts()},
                       {"bandwidth", bandwidth("degraded bandwidth")}},
                      {"link", "at", "for"}),
        closed_object("random outages",
                      {{"region", text_pattern("^(?:[a-z0-9-]+|\\*)$", "a region id, or \"*\" for every region")},
                       {"mtbf", duration("mean time between failures")},
                       {"mttr", duration("mean time to repair (exponential)")},
                       {"dist", enumeration({"exponential", "weibull"}, "time to failure (default exponential)")},
                       {"shape", number("Weibull shape k (required with dist: weibull)", 0.1, 20)},
                       {"fraction", fraction()},
                       {"resource", resource()}},
                      {"region", "mtbf", "mttr"})}}};
}

}  // namespace

nlohmann::ordered_json scenario_schema() {
  Json regions = list_of("the sites of the simulated world", region_schema());
  regions["minItems"] = 1;
  Json outputs = list_of("default: summary, timeseries, report",
                         enumeration({"summary", "timeseries", "tasks", "trace", "report"}, "an output"));
  outputs["uniqueItems"] = true;
  Json seed{{"type", "integer"}, {"minimum", 0}, {"description", "default 1"}};

  Json schema{{"$schema", "http://json-schema.org/draft-07/schema#"},
              {"title", "Meridian scenario"},
              {"description", "A Meridian scenario file (format version 1)."},
              {"type", "object"}};
  schema["properties"] = {
      {"meridian", {{"const", 1}, {"description", "format version (required)"}}},
      {"name", text_pattern("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$",
                            "required; names the output folder out/<name>/ (letters, digits, '-', '_', '.')")},
      {"seed", std::move(seed)},
      {"start", text_pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|\\+00:00)$",
                             "UTC instant that simulated time 0 stands for, such as 2026-01-05T00:00:00Z")},
      {"horizon", duration("arrivals stop at the horizon; work in flight then drains (default 24h)")},
      {"warmup", duration("tasks that arrive before it are left out of statistics")},
      {"sample_every", duration("period of the time series (default 5m)")},
      {"regions", std::move(regions)},
      {"links", list_of("undirected unless `directed: true`; routing = lowest latency path", link_schema())},
      {"datasets", list_of("data that workloads read", dataset_schema())},
      {"teams", list_of("people who must act for manual failover (follow-the-sun)", team_schema())},
      {"workloads", list_of("the streams of tasks", workload_schema())},
      {"policies", policies_schema()},
      {"forecast", closed_object("used by forecast-driven policies",
                                 {{"method", enumeration({"wma", "ses", "holt-winters"}, "wma | ses | holt-winters")},
                                  {"season", duration("season length (default 24h)")}})},
      {"faults", list_of("scheduled outages, link faults and random outages", fault_schema())},
      {"outputs", std::move(outputs)}};
  schema["required"] = {"meridian", "name", "regions"};
  schema["additionalProperties"] = false;
  return schema;
}

}  // namespace meridian::scenario
