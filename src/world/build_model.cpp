// Phase two of loading: ScenarioSpec -> Model. Runs even when phase one found problems, so that
// `validate` reports everything at once; references phase one already flagged are skipped here.
#include <algorithm>
#include <cmath>
#include <map>

#include "world/model.hpp"

namespace meridian {

std::optional<std::size_t> Model::resource_index(const std::string& resource) const {
  const auto it = std::find(resource_names.begin(), resource_names.end(), resource);
  if (it == resource_names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - resource_names.begin());
}

namespace {

class ModelBuilder {
 public:
  ModelBuilder(const scenario::ScenarioSpec& spec, Diagnostics& diagnostics)
      : spec_(spec), diag_(diagnostics), phase_one_clean_(diagnostics.empty()) {}

  Model build() {
    model_.name = spec_.name;
    model_.seed = spec_.seed;
    model_.start_unix_seconds = spec_.start_unix_seconds;
    model_.horizon = spec_.horizon;
    model_.warmup = spec_.warmup;
    model_.sample_every = spec_.sample_every;
    model_.source_file = spec_.source_file;
    model_.residency_enforce = spec_.policies.residency == scenario::PoliciesSpec::Residency::Enforce;
    collect_resources();
    build_regions();
    build_links();
    build_datasets();
    build_workloads();
    build_faults();
    build_policies();
    build_recovery();
    build_outputs();
    return std::move(model_);
  }

 private:
  std::optional<RegionIndex> region(const std::string& id) const {
    const auto it = region_index_.find(id);
    if (it == region_index_.end()) return std::nullopt;
    return it->second;
  }

  std::size_t resource(const std::string& name, const Where& where) {
    if (const auto r = model_.resource_index(name)) return *r;
    if (model_.resource_names.size() == kMaxResources) {
      diag_.error(where, "more than " + std::to_string(kMaxResources) + " distinct resource names");
      return 0;
    }
    model_.resource_names.push_back(name);
    return model_.resource_names.size() - 1;
  }

  // Resource names in order of first appearance: region capacities first, then demands.
  void collect_resources() {
    for (const auto& r : spec_.regions)
      for (const auto& c : r.capacity) resource(c.resource, c.where);
    for (const auto& w : spec_.workloads)
      for (const auto& d : w.demand) resource(d.resource, d.where);
  }

  void build_regions() {
    for (const auto& r : spec_.regions) {
      RegionInfo info;
      info.id = r.id;
      info.jurisdiction = r.jurisdiction;
      info.timezone = r.timezone;
      for (const auto& c : r.capacity) info.capacity[resource(c.resource, c.where)] += c.amount;
      for (const auto& p : r.price) {
        if (const auto i = model_.resource_index(p.resource)) info.dollars_per_unit_hour[*i] = p.dollars_per_hour;
        else diag_.error(p.where, "price for '" + p.resource + "', which no region has capacity of");
      }
      for (const auto& p : r.power.per_unit) {
        if (const auto i = model_.resource_index(p.resource)) info.watts_per_unit[*i] = p.watts;
        else diag_.error(p.where, "power for '" + p.resource + "', which no region has capacity of");
      }
      info.idle_fraction = r.power.idle_fraction;
      info.pue = r.power.pue;
      info.egress_dollars_per_byte = r.egress_dollars_per_byte;
      region_index_.emplace(r.id, static_cast<RegionIndex>(model_.regions.size()));
      model_.regions.push_back(std::move(info));
      model_.locations.push_back(r.location);
      try {
        model_.clocks.emplace_back(r.timezone);
      } catch (const std::exception&) {
        model_.clocks.emplace_back("UTC");  // phase one reported the unknown zone
      }
      if (r.carbon.hourly.empty()) {
        model_.carbon.emplace_back(r.carbon.constant_g_per_kwh);
      } else {
        std::vector<CarbonIntensity::Point> points;
        points.reserve(r.carbon.hourly.size());
        for (const auto& p : r.carbon.hourly) points.push_back({p.unix_seconds, p.g_per_kwh});
        model_.carbon.emplace_back(std::move(points));
      }
    }
  }

  void build_links() {
    std::vector<LinkHop> hops;
    for (const auto& l : spec_.links) {
      const auto a = region(l.a), b = region(l.b);
      if (!a || !b) continue;
      LinkModel link{*a, *b, l.directed, {}, l.bandwidth_bps};
      if (l.latency) {
        link.latency = *l.latency;
      } else {
        const auto& ra = spec_.regions[*a];
        const auto& rb = spec_.regions[*b];
        if (!ra.location || !rb.location) {
          diag_.error(l.where, "link " + l.a + " - " + l.b +
                                   " has no latency and its regions lack a location to derive it from");
          continue;
        }
        link.latency = latency_from_distance_km(
            great_circle_km(ra.location->lat, ra.location->lon, rb.location->lat, rb.location->lon));
      }
      const auto index = static_cast<std::uint32_t>(model_.links.size());
      hops.push_back({link.a, link.b, link.latency, link.bandwidth_bps, index});
      if (!link.directed) hops.push_back({link.b, link.a, link.latency, link.bandwidth_bps, index});
      model_.links.push_back(link);
    }
    model_.topology = Topology(model_.regions.size(), std::move(hops));
  }

  void build_datasets() {
    for (const auto& d : spec_.datasets) {
      DatasetModel m;
      m.id = d.id;
      m.home = region(d.home).value_or(0);
      m.size_bytes = d.size_bytes;
      m.write_rate_bytes_per_s = d.write_rate_bytes_per_s;
      m.residency = d.residency;
      dataset_index_.emplace(d.id, static_cast<DatasetIndex>(model_.datasets.size()));
      model_.datasets.push_back(std::move(m));
    }
  }

  void build_workloads() {
    for (const auto& w : spec_.workloads) {
      WorkloadModel m;
      m.id = w.id;
      m.is_request = w.task_class == scenario::TaskClass::Request;
      if (w.origins.empty()) {
        for (RegionIndex r = 0; r < model_.regions.size(); ++r) {
          m.origins.push_back(r);
          m.origin_weights.push_back(1.0);
        }
      }
      for (const auto& o : w.origins) {
        if (const auto r = region(o.region)) {
          m.origins.push_back(*r);
          m.origin_weights.push_back(o.weight);
        }
      }
      m.process = w.trace ? scenario::ArrivalProcess::Trace : w.arrivals.process;
      m.rate_per_s = w.arrivals.rate_per_s;
      m.diurnal = w.arrivals.diurnal;
      for (const auto& d : w.demand)
        m.demand.push_back({resource(d.resource, d.where), d.choices, d.weights});
      m.duration = w.duration;
      m.input_bytes = w.input_bytes;
      m.output_bytes = w.output_bytes;
      m.slo = w.slo;
      m.checkpoint_every = w.checkpoint_every;
      m.priority = w.priority;
      if (!w.dataset.empty()) {
        const auto it = dataset_index_.find(w.dataset);
        if (it != dataset_index_.end()) m.dataset = it->second;
      }
      m.residency_allows.assign(model_.regions.size(), 1);
      if (m.dataset != kNoDataset && !model_.datasets[m.dataset].residency.empty()) {
        const auto& allowed = model_.datasets[m.dataset].residency;
        for (RegionIndex r = 0; r < model_.regions.size(); ++r)
          m.residency_allows[r] =
              std::find(allowed.begin(), allowed.end(), model_.regions[r].jurisdiction) != allowed.end();
      }
      if (w.trace) build_trace(*w.trace, m);
      check_placeable(w, m);
      model_.workloads.push_back(std::move(m));
    }
  }

  void build_trace(const scenario::TraceSpec& trace, WorkloadModel& m) {
    m.trace.reserve(trace.rows.size());
    for (const auto& row : trace.rows) {
      TraceTask t;
      t.submit = row.submit;
      t.duration = row.duration;
      t.priority = row.priority.value_or(m.priority);
      // Workload-level demand is the default for columns the trace does not have.
      for (const auto& d : m.demand) t.demand[d.resource] = d.choices.front();
      for (const auto& [name, amount] : row.demand) {
        Where where = trace.where;
        where.path += " (" + trace.file + " line " + std::to_string(row.line) + ")";
        t.demand[resource(name, where)] = amount;
      }
      if (!row.origin.empty()) {
        if (const auto r = region(row.origin)) {
          t.origin = *r;
        } else {
          Where where{trace.file, row.line, 1, "origin", ""};
          diag_.error(where, "unknown region '" + row.origin + "' in trace");
        }
      }
      m.trace.push_back(t);
    }
  }

  // A workload whose fixed demand no region could ever hold is a scenario error, not a run
  // full of failed tasks.
  void check_placeable(const scenario::WorkloadSpec& w, const WorkloadModel& m) {
    // After a phase-one problem some capacities or demands may be missing: any verdict here
    // would be a consequence of that problem, not a second one.
    if (!phase_one_clean_) return;
    if (m.process == scenario::ArrivalProcess::Trace || m.demand.empty()) return;
    ResourceVector smallest;
    for (const auto& d : m.demand) smallest[d.resource] = *std::min_element(d.choices.begin(), d.choices.end());
    for (RegionIndex r = 0; r < model_.regions.size(); ++r)
      if (model_.regions[r].capacity.covers(smallest) && (m.residency_allows[r] || !model_.residency_enforce))
        return;
    diag_.error(w.where, "no region can hold this workload's smallest demand" +
                             std::string(m.dataset != kNoDataset ? " within its dataset's residency" : ""));
  }

  void build_faults() {
    for (std::size_t i = 0; i < spec_.faults.size(); ++i) {
      const auto& f = spec_.faults[i];
      using Kind = scenario::FaultSpec::Kind;
      if (f.kind == Kind::LinkFault) {
        build_link_fault(f, i);
        continue;
      }
      std::vector<RegionIndex> targets;
      if (f.region == "*") {
        for (RegionIndex r = 0; r < model_.regions.size(); ++r) targets.push_back(r);
      } else if (const auto r = region(f.region)) {
        targets.push_back(*r);
      }
      // kMaxResources: no such resource (the reader has reported an unknown name).
      const std::size_t resource = f.fraction ? model_.resource_index(f.resource).value_or(kMaxResources) : kMaxResources;
      for (const RegionIndex r : targets) {
        FaultModel m;
        m.region = r;
        m.random = f.kind == Kind::RandomOutage;
        m.at = f.at;
        m.duration = f.duration;
        m.mtbf = f.mtbf;
        m.mttr = f.mttr;
        m.weibull = f.uptime_dist == scenario::FaultSpec::UptimeDist::Weibull;
        m.weibull_shape = f.weibull_shape;
        if (f.fraction) {
          // A share of the region's units, rounded, and at least one: a loss that loses nothing
          // is not a fault. A region without the resource cannot lose it.
          const std::int64_t capacity = resource < kMaxResources ? model_.regions[r].capacity[resource] : 0;
          if (capacity == 0) {
            if (f.region != "*")
              diag_.error(f.where, "region '" + model_.regions[r].id + "' has no " + f.resource + " to lose a fraction of");
            continue;
          }
          m.resource = resource;
          m.lost_units = std::clamp<std::int64_t>(std::llround(*f.fraction * static_cast<double>(capacity)), 1, capacity);
        }
        m.stream_name = "fault/" + std::to_string(i) + "/" + model_.regions[r].id;
        model_.faults.push_back(std::move(m));
      }
    }
  }

  void build_link_fault(const scenario::FaultSpec& f, std::size_t i) {
    const auto a = region(f.link_a), b = region(f.link_b);
    if (!a || !b) return;  // reported by the reader
    for (std::uint32_t l = 0; l < model_.links.size(); ++l) {
      const LinkModel& link = model_.links[l];
      const bool matches = (link.a == *a && link.b == *b) || (!link.directed && link.a == *b && link.b == *a);
      if (!matches) continue;
      if (f.bandwidth_bps && link.bandwidth_bps == 0.0)
        diag_.error(f.where, "link " + f.link_a + " - " + f.link_b +
                                 " has no bandwidth (unlimited) to degrade; give the link a bandwidth, or omit "
                                 "'bandwidth' to cut it");
      FaultModel m;
      m.on_link = true;
      m.link = l;
      m.bandwidth_bps = f.bandwidth_bps;
      m.at = f.at;
      m.duration = f.duration;
      m.stream_name = "fault/" + std::to_string(i) + "/link";
      model_.faults.push_back(std::move(m));
      return;
    }
  }

  void build_policies() {
    select(PolicyFamily::Scheduler, spec_.policies.scheduler, model_.scheduler);
    select(PolicyFamily::LoadBalancer, spec_.policies.load_balancer, model_.load_balancer);
    select(PolicyFamily::Queue, spec_.policies.queue, model_.queue);
    select(PolicyFamily::Replication, spec_.policies.replication, model_.replication);
  }

  void select(PolicyFamily family, const scenario::PolicyChoice& choice, PolicySelection& out) {
    const std::string key = "policies." + std::string(family_key(family));
    out.entry = find_policy(family, choice.name);
    if (!out.entry) {
      std::vector<std::string> names;
      for (const auto& e : builtin_policies())
        if (e.family == family) names.emplace_back(e.name);
      std::string message = "unknown " + std::string(family_key(family)) + " policy '" + choice.name + "'";
      if (const auto hint = closest_match(choice.name, names); !hint.empty()) message += " (did you mean '" + hint + "'?)";
      else message += " (known: " + join(names) + ")";
      Where where = choice.where;
      if (where.path.empty()) where.path = key;
      diag_.error(where, message);
      return;
    }
    for (const auto& p : out.entry->params) out.params.set(std::string(p.name), {std::string(p.default_value), choice.where});
    for (const auto& given : choice.params) {
      const bool known = std::any_of(out.entry->params.begin(), out.entry->params.end(),
                                     [&](const ParamSpec& p) { return p.name == given.key; });
      if (!known) {
        std::vector<std::string> names;
        for (const auto& p : out.entry->params) names.emplace_back(p.name);
        std::string message = "unknown parameter '" + given.key + "' of " + std::string(family_key(family)) +
                              " '" + choice.name + "'";
        if (const auto hint = closest_match(given.key, names); !hint.empty())
          message += " (did you mean '" + hint + "'?)";
        else
          message += names.empty() ? " (it takes none)" : " (it takes: " + join(names) + ")";
        diag_.error(given.where, message);
        continue;
      }
      out.params.set(given.key, {given.value, given.where});
    }
    // Making the policy once reads every parameter, so a value that does not parse is reported now.
    try {
      const PolicyContext context(model_.seed, 0);
      if (out.entry->make_placement) (void)out.entry->make_placement(out.params, context);
      if (out.entry->make_queue) (void)out.entry->make_queue(out.params);
      if (out.entry->make_replication) (void)out.entry->make_replication(out.params);
    } catch (const InputError& e) {
      diag_.append(e.diagnostics());
    }
  }

  // Copies, teams and failover: what disaster recovery needs, once the policies are known.
  void build_recovery() {
    model_.failover.manual = spec_.policies.failover.mode == scenario::FailoverSpec::Mode::Manual;
    model_.failover.detect = spec_.policies.failover.detect;
    for (const auto& t : spec_.teams) {
      TeamModel team;
      team.id = t.id;
      team.region = region(t.region).value_or(0);
      team.shift_start_minute = t.shift_start_minute;
      team.shift_end_minute = t.shift_end_minute;
      if (!t.days.empty()) {
        team.days_mask = 0;
        for (const auto day : t.days) team.days_mask |= static_cast<std::uint8_t>(1U << static_cast<int>(day));
      }
      model_.teams.push_back(std::move(team));
    }
    if (!model_.replication.entry || !model_.replication.entry->make_replication || !diag_.empty()) return;
    const auto policy = model_.replication.entry->make_replication(model_.replication.params);
    for (DatasetModel& d : model_.datasets) {
      // Candidates: every other region the data may live in, nearest first (ties by index).
      std::vector<RegionIndex> allowed;
      for (RegionIndex r = 0; r < model_.regions.size(); ++r)
        if (r != d.home && model_.topology.reachable(d.home, r) && may_hold(d, r)) allowed.push_back(r);
      std::stable_sort(allowed.begin(), allowed.end(), [&](RegionIndex a, RegionIndex b) {
        return model_.topology.latency(d.home, a) < model_.topology.latency(d.home, b);
      });
      if (allowed.size() > policy->copies()) allowed.resize(policy->copies());
      d.copy_regions = std::move(allowed);
    }
  }

  bool may_hold(const DatasetModel& d, RegionIndex r) const {
    return d.residency.empty() ||
           std::find(d.residency.begin(), d.residency.end(), model_.regions[r].jurisdiction) != d.residency.end();
  }

  void build_outputs() {
    for (const auto kind : spec_.outputs) {
      switch (kind) {
        case scenario::OutputKind::Summary: model_.outputs.summary = true; break;
        case scenario::OutputKind::Timeseries: model_.outputs.timeseries = true; break;
        case scenario::OutputKind::Tasks: model_.outputs.tasks = true; break;
        case scenario::OutputKind::Trace: model_.outputs.trace = true; break;
        case scenario::OutputKind::Report: model_.outputs.report = true; break;
      }
    }
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }

  const scenario::ScenarioSpec& spec_;
  Diagnostics& diag_;
  const bool phase_one_clean_;
  Model model_;
  std::map<std::string, RegionIndex> region_index_;
  std::map<std::string, DatasetIndex> dataset_index_;
};

}  // namespace

Model build_model(const scenario::ScenarioSpec& spec, Diagnostics& diagnostics) {
  return ModelBuilder(spec, diagnostics).build();
}

}  // namespace meridian
