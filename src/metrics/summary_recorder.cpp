#include "metrics/summary_recorder.hpp"

#include <algorithm>
#include <cmath>

#include "metrics/format.hpp"

namespace meridian {

using nlohmann::ordered_json;

SummaryRecorder::SummaryRecorder(const Model& model)
    : model_(model),
      regions_(model.regions.size()),
      workloads_(model.workloads.size()),
      origins_(model.workloads.size() * model.regions.size()),
      served_(model.workloads.size() * model.regions.size() * model.regions.size()),
      served_work_(model.workloads.size() * model.regions.size(), 0.0),
      primary_(model.resource_index("gpu").value_or(0)),
      dataset_violations_(model.datasets.size(), 0),
      egress_bytes_(model.regions.size(), 0.0) {}

void SummaryRecorder::on_task_arrived(const Task& task) {
  if (!task.counted) return;
  ++global_.arrived;
  ++workloads_[task.workload].arrived;
  ++origin_stats(task).arrived;
}

void SummaryRecorder::on_task_queued(const Task& task, SimTime) {
  if (task.counted) ++regions_[task.region].arrived;
}

void SummaryRecorder::on_task_started(const Task& task, SimTime, bool residency_violation) {
  if (!residency_violation || !task.counted) return;
  ++global_.residency_violations;
  ++workloads_[task.workload].residency_violations;
  ++regions_[task.region].residency_violations;
  const DatasetIndex d = model_.workloads[task.workload].dataset;
  if (d != kNoDataset) ++dataset_violations_[d];
}

void SummaryRecorder::on_task_interrupted(const Task& task, SimTime, SimDuration) {
  if (!task.counted) return;
  ++global_.restarted;
  ++workloads_[task.workload].restarted;
  ++regions_[task.region].restarted;
  ++origin_stats(task).restarted;
}

void SummaryRecorder::on_task_rerouted(const Task& task, SimTime) {
  if (!task.counted) return;
  // Counted against the region that failed, like restarts.
  for (TaskStats* s : {&global_, &workloads_[task.workload], &regions_[task.region], &origin_stats(task)})
    ++s->rerouted;
}

void SummaryRecorder::on_task_finished(const Task& task, SimTime, SimTime now) {
  if (!task.counted) return;
  // Every scope's sketch has the default accuracy: find each value's bucket once.
  const auto wait = global_.wait_s.prepare(to_seconds(task.waited));
  const auto response = global_.response_s.prepare(to_seconds(now - task.arrival));
  const auto& slo = model_.workloads[task.workload].slo;
  const bool has_slo = slo.has_value();
  const bool met = has_slo && now - task.arrival <= *slo;
  const std::size_t n = regions_.size();
  served_.increment((task.workload * n + task.origin) * n + task.region);
  served_work_[task.workload * n + task.region] +=
      to_seconds(task.service) * static_cast<double>(task.demand[primary_]);
  for (TaskStats* s : {&regions_[task.region], &origin_stats(task)}) {
    ++s->completed;
    s->wait_s.add(wait, pending_buckets_);
    s->response_s.add(response, pending_buckets_);
    s->cost_usd += task.cost;
    s->slo_tasks += has_slo;
    s->slo_met += met;
  }
  // Only the sums here, in the same order as ever: the rest comes from the origins (global_).
  for (TaskStats* s : {&global_, &workloads_[task.workload]}) {
    ++s->completed;
    s->wait_s.add_to_sum(wait.value);
    s->response_s.add_to_sum(response.value);
    s->cost_usd += task.cost;
    s->slo_tasks += has_slo;
    s->slo_met += met;
  }
}

TaskStats SummaryRecorder::workload(WorkloadIndex w) const {
  pending_buckets_.flush();
  TaskStats s = workloads_[w];
  for (RegionIndex o = 0; o < regions_.size(); ++o) {
    s.wait_s.merge_except_sum(origin(w, o).wait_s);
    s.response_s.merge_except_sum(origin(w, o).response_s);
  }
  return s;
}

TaskStats SummaryRecorder::global() const {
  pending_buckets_.flush();
  TaskStats s = global_;
  for (WorkloadIndex w = 0; w < workloads_.size(); ++w)
    for (RegionIndex o = 0; o < regions_.size(); ++o) {
      s.wait_s.merge_except_sum(origin(w, o).wait_s);
      s.response_s.merge_except_sum(origin(w, o).response_s);
    }
  return s;
}

void SummaryRecorder::on_task_failed(const Task& task, SimTime, FailureReason) {
  if (!task.counted) return;
  const bool has_slo = model_.workloads[task.workload].slo.has_value();
  for (TaskStats* s : {&global_, &workloads_[task.workload], &origin_stats(task)}) {
    ++s->failed;
    s->slo_tasks += has_slo;  // a task never served misses its objective
  }
}

void SummaryRecorder::on_transfer(RegionIndex from, RegionIndex, double bytes, SimTime, SimTime) {
  if (bytes <= 0.0) return;
  egress_bytes_[from] += bytes;
}

namespace {

/// Mean and max of the recovery times of some outages (0 and 0 when there were none).
ordered_json recovery_times(const std::vector<double>& seconds) {
  double sum = 0.0, worst = 0.0;
  for (const double s : seconds) {
    sum += s;
    worst = std::max(worst, s);
  }
  return {{"mean", tidy(seconds.empty() ? 0.0 : sum / static_cast<double>(seconds.size()))}, {"max", tidy(worst)}};
}

/// Adds a member whose key is known to be new (region, workload ids are unique): operator[]
/// searches the ordered object's members linearly, which over R regions is O(R^2).
void append(ordered_json& object, const std::string& key, ordered_json value) {
  object.get_ref<ordered_json::object_t&>().emplace_back(key, std::move(value));
}

ordered_json distribution(const QuantileSketch& s) {
  return {{"mean", tidy(s.mean())},
          {"p50", tidy(s.quantile(0.50))},
          {"p95", tidy(s.quantile(0.95))},
          {"p99", tidy(s.quantile(0.99))},
          {"max", tidy(s.max())}};
}

ordered_json task_metrics(const TaskStats& s) {
  ordered_json m;
  m["tasks"] = {{"arrived", s.arrived},
                {"completed", s.completed},
                {"failed", s.failed},
                {"restarted", s.restarted},
                {"rerouted", s.rerouted}};
  m["wait_s"] = distribution(s.wait_s);
  m["response_s"] = distribution(s.response_s);
  m["slo_attainment"] = s.slo_tasks ? ordered_json(tidy(static_cast<double>(s.slo_met) / static_cast<double>(s.slo_tasks)))
                                    : ordered_json(nullptr);
  return m;
}

// Coefficient of variation and Jain's fairness index of per-region values.
ordered_json imbalance(const std::vector<double>& values) {
  double sum = 0.0, sum_sq = 0.0;
  for (const double v : values) {
    sum += v;
    sum_sq += v * v;
  }
  const auto n = static_cast<double>(values.size());
  if (values.empty() || sum == 0.0) return {{"cv", 0.0}, {"jain", 1.0}};
  const double mean = sum / n;
  const double variance = std::max(0.0, sum_sq / n - mean * mean);
  return {{"cv", tidy(std::sqrt(variance) / mean)}, {"jain", tidy(sum * sum / (n * sum_sq))}};
}

}  // namespace

// Share of the completed tasks of workload w (from one origin, or from all) served by each
// region, every region listed in index order so that each path always exists.
ordered_json SummaryRecorder::served_by(WorkloadIndex w, std::optional<RegionIndex> origin) const {
  const std::size_t n = regions_.size();
  std::vector<std::uint64_t> counts(n, 0);
  for (RegionIndex o = origin.value_or(0); o < (origin ? *origin + 1 : n); ++o)
    for (RegionIndex r = 0; r < n; ++r) counts[r] += served_[(w * n + o) * n + r];
  std::uint64_t total = 0;
  for (const auto c : counts) total += c;
  ordered_json shares = ordered_json::object();
  shares.get_ref<ordered_json::object_t&>().reserve(n);
  for (RegionIndex r = 0; r < n; ++r)
    append(shares, model_.regions[r].id, total ? tidy(static_cast<double>(counts[r]) / static_cast<double>(total)) : 0.0);
  return shares;
}

ordered_json SummaryRecorder::to_json(const Engine& engine, const RunStats& stats,
                                      const ordered_json& policies) const {
  pending_buckets_.flush();
  const auto& totals = engine.region_totals();
  // Utilization is over the steady window [warm-up, horizon]: the drain after the horizon has
  // no arrivals and would dilute it. Money, energy and carbon count everything after warm-up.
  const double window_seconds = std::max(0.0, to_seconds(model_.horizon - model_.warmup));
  const std::size_t resources = model_.resource_names.size();
  const auto gpu = model_.resource_index("gpu");

  ordered_json doc;
  doc["meridian"] = MERIDIAN_VERSION;
  doc["scenario"] = model_.name;
  doc["seed"] = model_.seed;
  doc["policies"] = policies;
  doc["simulated"] = {{"start", format_utc(model_.start_unix_seconds)},
                      {"horizon_s", tidy(to_seconds(model_.horizon))},
                      {"warmup_s", tidy(to_seconds(model_.warmup))},
                      {"end_s", tidy(to_seconds(stats.end))}};

  ordered_json global = task_metrics(this->global());
  std::vector<double> busy_total(resources, 0.0), capacity_total(resources, 0.0);
  std::vector<double> primary_utilization;
  double energy = 0.0, carbon = 0.0, compute_cost = 0.0, egress_usd = 0.0, egress_bytes = 0.0, lost = 0.0;
  std::uint64_t outages = 0;
  ordered_json regions = ordered_json::object();
  for (RegionIndex r = 0; r < model_.regions.size(); ++r) {
    const RegionInfo& info = model_.regions[r];
    const RegionTotals& t = totals[r];
    ordered_json m;
    // Where and what the region is, so a report needs nothing but this file.
    if (const auto& at = model_.locations[r]) m["location"] = {{"lat", at->lat}, {"lon", at->lon}};
    m["timezone"] = info.timezone;
    m["jurisdiction"] = info.jurisdiction;
    m["capacity"] = ordered_json::object();
    for (std::size_t k = 0; k < resources; ++k) m["capacity"][model_.resource_names[k]] = info.capacity[k];
    m.update(task_metrics(regions_[r]));
    ordered_json utilization = ordered_json::object();
    for (std::size_t k = 0; k < resources; ++k) {
      const double capacity_seconds = static_cast<double>(info.capacity[k]) * window_seconds;
      utilization[model_.resource_names[k]] = capacity_seconds > 0 ? tidy(t.window.busy_unit_seconds[k] / capacity_seconds) : 0.0;
      busy_total[k] += t.window.busy_unit_seconds[k];
      capacity_total[k] += capacity_seconds;
    }
    const std::size_t primary = gpu.value_or(0);
    primary_utilization.push_back(utilization.empty() ? 0.0 : utilization[model_.resource_names[primary]].get<double>());
    const double region_egress_usd = egress_bytes_[r] * info.egress_dollars_per_byte;
    m["utilization"] = utilization;
    m["cost_usd"] = tidy(t.measured.compute_cost_usd + region_egress_usd);
    m["compute_cost_usd"] = tidy(t.measured.compute_cost_usd);
    m["energy_kwh"] = tidy(t.measured.energy_kwh);
    m["carbon_kg"] = tidy(t.measured.carbon_kg);
    m["egress_gb"] = tidy(egress_bytes_[r] / 1e9);
    m["residency_violations"] = regions_[r].residency_violations;
    m["outages"] = t.outages;
    m["downtime_s"] = tidy(t.downtime_seconds);
    // Over the whole run, time 0 to its end (warm-up and drain included: faults know no warm-up).
    const double run_seconds = to_seconds(stats.end);
    m["availability"] = tidy(run_seconds > 0.0 ? 1.0 - t.downtime_seconds / run_seconds : 1.0);
    m["partial_outages"] = t.partial_outages;
    ordered_json lost_capacity = ordered_json::object();
    for (std::size_t k = 0; k < resources; ++k)
      if (t.lost_unit_seconds[k] > 0.0) lost_capacity[model_.resource_names[k]] = tidy(t.lost_unit_seconds[k] / 3600.0);
    m["capacity_lost_unit_h"] = std::move(lost_capacity);
    m["outage_intervals_s"] = ordered_json::array();
    for (const auto& [down, up] : t.outages_s) m["outage_intervals_s"].push_back({tidy(down), tidy(up)});
    m["work_lost_gpu_h"] = tidy(t.work_lost_gpu_hours);
    append(regions, info.id, std::move(m));
    energy += t.measured.energy_kwh;
    carbon += t.measured.carbon_kg;
    compute_cost += t.measured.compute_cost_usd;
    egress_usd += region_egress_usd;
    egress_bytes += egress_bytes_[r];
    lost += t.work_lost_gpu_hours;
    outages += t.outages;
  }
  ordered_json utilization = ordered_json::object();
  for (std::size_t k = 0; k < resources; ++k)
    utilization[model_.resource_names[k]] = capacity_total[k] > 0 ? tidy(busy_total[k] / capacity_total[k]) : 0.0;
  global["utilization"] = utilization;
  global["imbalance"] = imbalance(primary_utilization);
  global["cost_usd"] = tidy(compute_cost + egress_usd);
  global["compute_cost_usd"] = tidy(compute_cost);
  global["energy_kwh"] = tidy(energy);
  global["carbon_kg"] = tidy(carbon);
  global["egress_gb"] = tidy(egress_bytes / 1e9);
  global["egress_cost_usd"] = tidy(egress_usd);
  global["residency_violations"] = global_.residency_violations;
  global["outages"] = outages;
  global["work_lost_gpu_h"] = tidy(lost);
  doc["global"] = std::move(global);
  doc["regions"] = std::move(regions);

  ordered_json workloads = ordered_json::object();
  for (WorkloadIndex w = 0; w < model_.workloads.size(); ++w) {
    const TaskStats stats_w = workload(w);
    ordered_json m = task_metrics(stats_w);
    m["cost_usd"] = tidy(stats_w.cost_usd);
    m["residency_violations"] = stats_w.residency_violations;
    m["class"] = model_.workloads[w].is_request ? "request" : "job";
    // The response-time distribution at 41 evenly spaced quantiles, for CDF plots.
    ordered_json cdf = ordered_json::array();
    for (int i = 0; i <= 40; ++i) cdf.push_back(tidy(stats_w.response_s.quantile(i / 40.0)));
    m["response_cdf_s"] = std::move(cdf);
    m["served_by"] = served_by(w, std::nullopt);
    // Imbalance of the work this workload put on each region per unit of its capacity (its share
    // of the region's utilization): proportional shares (`weighted`) give cv 0 and jain 1.
    std::vector<double> work_per_unit;
    for (RegionIndex r = 0; r < model_.regions.size(); ++r) {
      const auto capacity = static_cast<double>(model_.regions[r].capacity[primary_]);
      if (capacity > 0) work_per_unit.push_back(served_work_[w * model_.regions.size() + r] / capacity);
    }
    m["imbalance"] = imbalance(work_per_unit);
    // Per origin region: every declared origin and any other that sent a counted task.
    ordered_json by_origin = ordered_json::object();
    std::vector<char> declared(model_.regions.size(), 0);
    for (const RegionIndex o : model_.workloads[w].origins) declared[o] = 1;
    for (RegionIndex o = 0; o < model_.regions.size(); ++o) {
      const TaskStats& s = origin(w, o);
      if (s.arrived == 0 && !declared[o]) continue;
      ordered_json om = task_metrics(s);
      om["served_by"] = served_by(w, o);
      append(by_origin, model_.regions[o].id, std::move(om));
    }
    m["origins"] = std::move(by_origin);
    append(workloads, model_.workloads[w].id, std::move(m));
  }
  doc["workloads"] = std::move(workloads);

  // Disaster recovery per dataset; the global figures are the worst recovery point and every
  // outage's recovery time.
  ordered_json datasets = ordered_json::object();
  const auto& recovery = engine.dataset_totals();
  double rpo_s = 0.0, rpo_bytes = 0.0, replication_bytes = 0.0, replication_usd = 0.0;
  std::vector<double> all_rto;
  for (DatasetIndex d = 0; d < model_.datasets.size(); ++d) {
    const DatasetModel& ds = model_.datasets[d];
    const DatasetTotals& t = recovery[d];
    ordered_json copies = ordered_json::array();
    for (const RegionIndex r : ds.copy_regions) copies.push_back(model_.regions[r].id);
    ordered_json intervals = ordered_json::array();
    for (const auto& [from, to] : t.unavailable_s) intervals.push_back({tidy(from), tidy(to)});
    datasets[ds.id] = {{"home", model_.regions[ds.home].id},
                       {"size_gb", tidy(ds.size_bytes / 1e9)},
                       {"residency_violations", dataset_violations_[d]},
                       {"copies", std::move(copies)},
                       {"primary_at_end", model_.regions[t.primary_at_end].id},
                       {"outages", t.outages},
                       {"unavailable_s", tidy(t.unavailable_seconds)},
                       {"unavailable_intervals_s", std::move(intervals)},
                       {"rpo", {{"s", tidy(t.rpo_max_seconds)}, {"gb", tidy(t.rpo_max_bytes / 1e9)}}},
                       {"rto_s", recovery_times(t.rto_seconds)},
                       {"failovers", t.failovers},
                       {"data_lost", {{"s", tidy(t.lost_seconds)}, {"gb", tidy(t.lost_bytes / 1e9)}}},
                       {"replication_gb", tidy(t.replication_bytes / 1e9)},
                       {"replication_cost_usd", tidy(t.replication_cost_usd)},
                       {"shipments", t.shipments}};
    rpo_s = std::max(rpo_s, t.rpo_max_seconds);
    rpo_bytes = std::max(rpo_bytes, t.rpo_max_bytes);
    replication_bytes += t.replication_bytes;
    replication_usd += t.replication_cost_usd;
    all_rto.insert(all_rto.end(), t.rto_seconds.begin(), t.rto_seconds.end());
  }
  doc["global"]["rpo"] = {{"s", tidy(rpo_s)}, {"gb", tidy(rpo_bytes / 1e9)}};
  doc["global"]["rto_s"] = recovery_times(all_rto);
  doc["global"]["replication_gb"] = tidy(replication_bytes / 1e9);
  doc["global"]["replication_cost_usd"] = tidy(replication_usd);
  doc["datasets"] = std::move(datasets);

  // Per link, both directions together and each on its own (a link is full duplex: each
  // direction has the whole bandwidth). Utilization is of the busier direction.
  ordered_json links = ordered_json::array();
  const auto& hops = model_.topology.hops();
  const auto& channels = engine.channel_totals();
  for (std::size_t l = 0; l < model_.links.size(); ++l) {
    const LinkModel& link = model_.links[l];
    double bytes = 0.0, busier = 0.0;
    ordered_json directions = ordered_json::array();
    for (ChannelIndex c = 0; c < hops.size(); ++c) {
      if (hops[c].link != l) continue;
      bytes += channels[c].bytes;
      busier = std::max(busier, channels[c].utilization);
      directions.push_back({{"from", model_.regions[hops[c].from].id},
                            {"to", model_.regions[hops[c].to].id},
                            {"gb", tidy(channels[c].bytes / 1e9)},
                            {"utilization", tidy(channels[c].utilization)}});
    }
    links.push_back({{"between", {model_.regions[link.a].id, model_.regions[link.b].id}},
                     {"directed", link.directed},
                     {"latency_ms", tidy(to_seconds(link.latency) * 1e3)},
                     {"bandwidth_gbps", tidy(link.bandwidth_bps / 1e9)},
                     {"bytes", tidy(bytes)},
                     {"gb", tidy(bytes / 1e9)},
                     {"utilization", tidy(busier)},
                     {"directions", std::move(directions)}});
  }
  doc["links"] = std::move(links);

  doc["run"] = {{"events", stats.events},
                {"fingerprint", fmt::format("{:016x}", stats.fingerprint)},
                {"wall_s", tidy(stats.wall_seconds)},
                {"events_per_s", tidy(stats.wall_seconds > 0 ? static_cast<double>(stats.events) / stats.wall_seconds : 0.0)}};
  return doc;
}

}  // namespace meridian
