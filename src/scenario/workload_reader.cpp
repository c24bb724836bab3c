// `workloads:`: the streams of tasks, with where they come from, how often, what each task
// needs and for how long. A trace workload takes arrivals and durations from its file, and
// may give demand, sizes, origins and SLO as defaults for the rows.

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "scenario/iso_time.hpp"
#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"

namespace meridian::scenario {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Same order as TaskClass, ArrivalProcess and DistKind.
const std::vector<std::string>& class_names() {
  static const std::vector<std::string> names{"request", "job"};
  return names;
}
const std::vector<std::string>& process_names() {
  static const std::vector<std::string> names{"poisson", "fixed", "trace"};
  return names;
}
const std::vector<std::string>& distribution_names() {
  static const std::vector<std::string> names{"fixed", "exponential", "uniform", "lognormal", "gamma"};
  return names;
}

std::vector<OriginWeight> read_origins(const Located& field) {
  std::vector<OriginWeight> origins;
  const auto& regions = field.context().region_ids;
  double total = 0;
  for (const auto& entry : field.entries()) {
    if (std::find(regions.begin(), regions.end(), entry.key) == regions.end()) {
      field.context().error(entry.key_mark, entry.value.path(), unknown_message("region", entry.key, regions));
      continue;
    }
    if (const auto weight = entry.value.number(0, kInfinity)) {
      origins.push_back({entry.key, *weight, entry.value.where()});
      total += *weight;
    }
  }
  if (!origins.empty() && total <= 0) field.error("origin weights must not all be zero");
  return origins;
}

std::optional<DiurnalSpec> read_diurnal(const Located& field) {
  const MapReader m(field, {"peak", "amplitude"});
  if (!m.valid()) return std::nullopt;
  DiurnalSpec diurnal;
  read_into(m, "peak", diurnal.peak_hour, [](const Located& f) {
    return f.scalar_as("a local time such as \"14:00\"", [](std::string_view t) {
      const int minutes = parse_clock_minutes(t, false);
      if (minutes < 0)
        throw std::invalid_argument(fmt::format("expected a local time such as \"14:00\", found '{}'", t));
      return minutes / 60.0;
    });
  });
  read_into(m, "amplitude", diurnal.amplitude, [](const Located& f) { return f.number(0, 1); });
  return diurnal;
}

ArrivalSpec read_arrivals(const Located& field) {
  ArrivalSpec arrivals;
  arrivals.where = field.where();
  const MapReader m(field, {"process", "rate", "diurnal"});
  if (!m.valid()) return arrivals;
  if (const auto process = m.optional("process")) {
    if (const auto index = process->one_of("arrival process", process_names()))
      arrivals.process = static_cast<ArrivalProcess>(*index);
  }
  if (arrivals.process == ArrivalProcess::Trace) {
    if (m.has("rate")) m.optional("rate")->error("a trace workload takes its arrivals from the trace; remove 'rate'");
  } else if (const auto rate = m.required("rate")) {
    if (const auto r = rate->rate_per_s()) arrivals.rate_per_s = *r;
  }
  if (const auto diurnal = m.optional("diurnal")) {
    // Fixed arrivals are a clock, not a rate to modulate: silently ignoring it would mislead.
    if (arrivals.process == ArrivalProcess::Poisson) arrivals.diurnal = read_diurnal(*diurnal);
    else diurnal->error("diurnal modulation applies to poisson arrivals only (this process is not poisson)");
  }
  return arrivals;
}

/// `N`, or `{choice: [...], weights: [...]}` (weights default to equal).
void read_demand_amounts(const Located& value, DemandSpec& demand) {
  if (!value.is_map()) {
    if (const auto amount = value.resource_amount()) demand.choices = {*amount};
    demand.weights = {1.0};
    return;
  }
  const MapReader m(value, {"choice", "weights"});
  if (const auto choice = m.required("choice")) {
    for (const Located& item : choice->items(limits::kMaxListItems))
      if (const auto amount = item.resource_amount()) demand.choices.push_back(*amount);
    if (choice->is_list() && choice->node().size() == 0) choice->error("a choice needs at least one amount");
  }
  const auto weights = m.optional("weights");
  if (!weights) {
    demand.weights.assign(demand.choices.size(), 1.0);
    return;
  }
  double total = 0;
  for (const Located& item : weights->items(limits::kMaxListItems)) {
    if (const auto w = item.number(0, kInfinity)) {
      demand.weights.push_back(*w);
      total += *w;
    }
  }
  const auto choice = m.optional("choice");
  if (weights->is_list() && choice && choice->is_list() && weights->node().size() != choice->node().size()) {
    weights->error(fmt::format("{} weights for {} choices; give one weight per choice", weights->node().size(),
                               choice->node().size()));
  } else if (weights->is_list() && weights->node().size() > 0 && total <= 0) {
    weights->error("weights must not all be zero");
  }
}

std::vector<DemandSpec> read_demand(const Located& field) {
  std::vector<DemandSpec> demand;
  const auto& resources = field.context().resource_names;
  for (const auto& entry : field.entries()) {
    if (std::find(resources.begin(), resources.end(), entry.key) == resources.end()) {
      std::string message = unknown_message("resource", entry.key, resources);
      if (resources.empty()) message = fmt::format("no region has capacity of '{}'", entry.key);
      field.context().error(entry.key_mark, entry.value.path(), message);
      continue;
    }
    DemandSpec d;
    d.resource = entry.key;
    d.where = entry.value.where();
    read_demand_amounts(entry.value, d);
    demand.push_back(std::move(d));
  }
  return demand;
}

/// A plain duration is a fixed one; otherwise `{dist: ..., ...}` with the keys its kind uses.
DurationDist read_duration(const Located& field) {
  DurationDist dist;
  dist.where = field.where();
  if (field.is_scalar()) {
    if (const auto d = field.duration()) dist.mean = *d;
    return dist;
  }
  const MapReader m(field, {"dist", "mean", "cv", "min", "max", "value"});
  if (!m.valid()) return dist;
  const auto kind_field = m.required("dist");
  const auto kind = kind_field ? kind_field->one_of("distribution", distribution_names()) : std::nullopt;
  if (!kind) return dist;
  dist.kind = static_cast<DistKind>(*kind);

  std::vector<std::string> uses;
  switch (dist.kind) {
    case DistKind::Fixed:
      uses = {"value", "mean"};
      break;
    case DistKind::Exponential:
      uses = {"mean"};
      break;
    case DistKind::Uniform:
      uses = {"min", "max"};
      break;
    case DistKind::Lognormal:
    case DistKind::Gamma:
      uses = {"mean", "cv"};
      break;
  }
  for (const std::string key : {"mean", "cv", "min", "max", "value"})
    if (m.has(key) && std::find(uses.begin(), uses.end(), key) == uses.end())
      m.optional(key)->error(fmt::format("'{}' does not apply to a {} distribution (it uses: {})", key,
                                         distribution_names()[*kind], fmt::join(uses, ", ")));

  switch (dist.kind) {
    case DistKind::Fixed:
      if (m.has("value") && m.has("mean")) {
        m.optional("mean")->error("give 'value' or 'mean' for a fixed duration, not both");
      } else if (const auto v = m.has("value") ? m.optional("value") : m.required("mean")) {
        if (const auto d = v->duration()) dist.mean = *d;
      }
      break;
    case DistKind::Uniform: {
      const auto min = m.required("min"), max = m.required("max");
      const auto low = min ? min->duration() : std::nullopt;
      const auto high = max ? max->duration() : std::nullopt;
      if (low && high && *low > *high) {
        max->error(fmt::format("uniform max ({}) is below min ({})", max->node().Scalar(), min->node().Scalar()));
      } else if (low && high) {
        dist.min = *low;
        dist.max = *high;
        dist.mean = (*low + *high) / 2;
      }
      break;
    }
    case DistKind::Exponential:
    case DistKind::Lognormal:
    case DistKind::Gamma:
      if (const auto mean = m.required("mean")) read_into(m, "mean", dist.mean, &Located::positive_duration);
      if (const auto cv = m.optional("cv")) {
        if (const auto v = cv->number(0, kInfinity); v && *v == 0) {
          cv->error("cv must be greater than 0");
        } else if (v) {
          dist.cv = *v;
        }
      }
      break;
  }
  return dist;
}

WorkloadSpec read_workload(const Located& item, IdSet& ids, std::int64_t start_unix_seconds) {
  WorkloadSpec w;
  w.where = item.where();
  const MapReader m(item, {"id", "class", "origins", "arrivals", "demand", "duration", "input", "output", "slo",
                           "dataset", "checkpoint_every", "deferrable", "priority", "trace"});
  if (!m.valid()) return w;
  if (const auto id = ids.claim(m)) w.id = *id;
  if (const auto cls = m.required("class")) {
    if (const auto index = cls->one_of("class", class_names())) w.task_class = static_cast<TaskClass>(*index);
  }
  if (const auto f = m.optional("origins")) w.origins = read_origins(*f);

  const auto trace = m.optional("trace");
  const auto arrivals = trace ? m.optional("arrivals") : m.required("arrivals");
  if (arrivals) w.arrivals = read_arrivals(*arrivals);
  if (trace) {
    if (arrivals && arrivals->is_map() && w.arrivals.process != ArrivalProcess::Trace)
      arrivals->error("a trace workload takes its arrivals from the trace; remove 'arrivals'");
    w.arrivals.process = ArrivalProcess::Trace;
    w.arrivals.where = trace->where();
    w.trace = read_trace(*trace, w.id, start_unix_seconds);
  } else if (arrivals && w.arrivals.process == ArrivalProcess::Trace) {
    arrivals->error("arrival process 'trace' needs the workload's 'trace: {file: ...}'");
  }

  if (const auto f = m.optional("demand")) w.demand = read_demand(*f);
  if (trace) {
    if (m.has("duration"))
      m.optional("duration")->error("a trace workload takes durations from the trace; remove 'duration'");
  } else if (const auto f = m.required("duration")) {
    w.duration = read_duration(*f);
  }
  read_into(m, "input", w.input_bytes, &Located::size_bytes);
  read_into(m, "output", w.output_bytes, &Located::size_bytes);
  if (const auto f = m.optional("slo")) w.slo = f->positive_duration();
  if (const auto f = m.optional("dataset")) {
    if (const auto ref = f->reference("dataset", item.context().dataset_ids)) w.dataset = *ref;
  }
  if (const auto f = m.optional("checkpoint_every")) w.checkpoint_every = f->positive_duration();
  if (const auto f = m.optional("deferrable")) w.deferrable = f->duration();
  read_into(m, "priority", w.priority, [](const Located& f) -> std::optional<int> {
    if (const auto p = f.integer(std::numeric_limits<int>::min(), std::numeric_limits<int>::max()))
      return static_cast<int>(*p);
    return std::nullopt;
  });
  return w;
}

}  // namespace

std::vector<WorkloadSpec> read_workloads(const Located& list, std::int64_t start_unix_seconds) {
  std::vector<WorkloadSpec> workloads;
  IdSet ids("workload");
  for (const Located& item : list.items(limits::kMaxListItems))
    workloads.push_back(read_workload(item, ids, start_unix_seconds));
  return workloads;
}

}  // namespace meridian::scenario
