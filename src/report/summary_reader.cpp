// summary.json -> report::Summary. Every field is optional (a summary holds "what applies"), but a
// field that is present with the wrong type is an error naming the file and the key path.
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/run_data.hpp"

namespace meridian::report {

namespace {

using Json = nlohmann::ordered_json;

class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& where, std::string_view what) const {
    throw std::runtime_error(fmt::format("{}: {}: {}", file_, where, what));
  }

  static std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }

  const Json* member(const Json& j, const char* key) const {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
  }

  std::optional<double> number(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (!v) return std::nullopt;
    if (!v->is_number()) fail(join(where, key), "expected a number, found " + v->dump());
    return v->get<double>();
  }

  std::string text(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (!v) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return v->dump();
    fail(join(where, key), "expected a string, found " + v->dump());
  }

  const Json* object(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (v && !v->is_object()) fail(join(where, key), "expected an object");
    return v;
  }

  const Json* array(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (v && !v->is_array()) fail(join(where, key), "expected a list");
    return v;
  }

  /// A list of [from, to) pairs of seconds (outages, times a dataset was not served).
  std::vector<std::pair<double, double>> intervals(const Json& j, const char* key, const std::string& where) const {
    std::vector<std::pair<double, double>> out;
    if (const Json* list = array(j, key, where)) {
      for (const Json& iv : *list) {
        if (!iv.is_array() || iv.size() != 2 || !iv[0].is_number() || !iv[1].is_number())
          fail(join(where, key), "expected [from, to] pairs of seconds");
        out.emplace_back(iv[0].get<double>(), iv[1].get<double>());
      }
    }
    return out;
  }

  Distribution distribution(const Json& j, const char* key, const std::string& where) const {
    Distribution d;
    const Json* o = object(j, key, where);
    if (!o) return d;
    const std::string at = join(where, key);
    d.mean = number(*o, "mean", at);
    d.p50 = number(*o, "p50", at);
    d.p95 = number(*o, "p95", at);
    d.p99 = number(*o, "p99", at);
    d.max = number(*o, "max", at);
    return d;
  }

  std::vector<std::pair<std::string, double>> numbers_by_name(const Json& j, const char* key,
                                                              const std::string& where) const {
    std::vector<std::pair<std::string, double>> out;
    const Json* o = object(j, key, where);
    if (!o) return out;
    for (const auto& [name, value] : o->items()) {
      if (!value.is_number()) fail(join(where, key) + "." + name, "expected a number");
      out.emplace_back(name, value.get<double>());
    }
    return out;
  }

  Metrics metrics(const Json& j, const std::string& where) const {
    Metrics m;
    if (const Json* tasks = object(j, "tasks", where)) {
      const std::string at = where + ".tasks";
      m.arrived = number(*tasks, "arrived", at);
      m.completed = number(*tasks, "completed", at);
      m.failed = number(*tasks, "failed", at);
      m.restarted = number(*tasks, "restarted", at);
    }
    m.wait_s = distribution(j, "wait_s", where);
    m.response_s = distribution(j, "response_s", where);
    m.slo_attainment = number(j, "slo_attainment", where);
    m.utilization = numbers_by_name(j, "utilization", where);
    m.cost_usd = number(j, "cost_usd", where);
    m.energy_kwh = number(j, "energy_kwh", where);
    m.carbon_kg = number(j, "carbon_kg", where);
    m.egress_gb = number(j, "egress_gb", where);
    m.outages = number(j, "outages", where);
    m.residency_violations = number(j, "residency_violations", where);
    m.work_lost_gpu_h = number(j, "work_lost_gpu_h", where);
    return m;
  }

  // "least-loaded" or "carbon-aware (horizon=6h, weight=0.5)".
  std::string policy(const Json& v, const std::string& where) const {
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_object()) fail(where, "expected a name or an object with a name");
    std::string name = text(v, "name", where), params;
    for (const auto& [key, value] : v.items()) {
      if (key == "name") continue;
      params += fmt::format("{}{}={}", params.empty() ? "" : ", ", key,
                            value.is_string() ? value.get<std::string>() : value.dump());
    }
    return params.empty() ? name : name + " (" + params + ")";
  }

 private:
  const std::string& file_;
};

RegionData region(const Reader& r, const std::string& id, const Json& j) {
  const std::string where = "regions." + id;
  if (!j.is_object()) r.fail(where, "expected an object");
  RegionData out;
  out.id = id;
  out.metrics = r.metrics(j, where);
  if (const Json* at = r.object(j, "location", where)) {
    const auto lat = r.number(*at, "lat", where + ".location");
    const auto lon = r.number(*at, "lon", where + ".location");
    if (lat && lon) out.location = std::make_pair(*lat, *lon);
  }
  out.timezone = r.text(j, "timezone", where);
  out.jurisdiction = r.text(j, "jurisdiction", where);
  out.capacity = r.numbers_by_name(j, "capacity", where);
  out.downtime_s = r.number(j, "downtime_s", where);
  out.outage_intervals_s = r.intervals(j, "outage_intervals_s", where);
  return out;
}

DatasetData dataset(const Reader& r, const std::string& id, const Json& j) {
  const std::string where = "datasets." + id;
  if (!j.is_object()) r.fail(where, "expected an object");
  DatasetData out;
  out.id = id;
  out.home = r.text(j, "home", where);
  out.primary_at_end = r.text(j, "primary_at_end", where);
  if (const Json* copies = r.array(j, "copies", where))
    for (const Json& c : *copies) {
      if (!c.is_string()) r.fail(where + ".copies", "expected region names");
      out.copies.push_back(c.get<std::string>());
    }
  out.size_gb = r.number(j, "size_gb", where);
  out.outages = r.number(j, "outages", where);
  if (const Json* rpo = r.object(j, "rpo", where)) {
    out.rpo_s = r.number(*rpo, "s", where + ".rpo");
    out.rpo_gb = r.number(*rpo, "gb", where + ".rpo");
  }
  if (const Json* rto = r.object(j, "rto_s", where)) {
    out.rto_mean_s = r.number(*rto, "mean", where + ".rto_s");
    out.rto_max_s = r.number(*rto, "max", where + ".rto_s");
  }
  if (const Json* lost = r.object(j, "data_lost", where)) out.lost_gb = r.number(*lost, "gb", where + ".data_lost");
  out.replication_gb = r.number(j, "replication_gb", where);
  out.replication_cost_usd = r.number(j, "replication_cost_usd", where);
  out.unavailable_intervals_s = r.intervals(j, "unavailable_intervals_s", where);
  return out;
}

WorkloadData workload(const Reader& r, const std::string& id, const Json& j) {
  const std::string where = "workloads." + id;
  if (!j.is_object()) r.fail(where, "expected an object");
  WorkloadData out;
  out.id = id;
  out.kind = r.text(j, "class", where);
  out.metrics = r.metrics(j, where);
  if (const Json* cdf = r.array(j, "response_cdf_s", where)) {
    for (const Json& v : *cdf) {
      if (!v.is_number()) r.fail(where + ".response_cdf_s", "expected numbers");
      out.response_cdf_s.push_back(v.get<double>());
    }
  }
  return out;
}

}  // namespace

double RegionData::primary_capacity() const {
  for (const auto& [name, units] : capacity)
    if (name == "gpu") return units;
  return capacity.empty() ? 0.0 : capacity.front().second;
}

Summary read_summary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open (is this a run's output folder?)", path));
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(fmt::format("{}: not valid JSON: {}", path, e.what()));
  }
  const Reader r(path);
  if (!doc.is_object()) r.fail("(top level)", "expected a JSON object");

  Summary s;
  s.version = r.text(doc, "meridian", "");
  s.scenario = r.text(doc, "scenario", "");
  s.seed = r.text(doc, "seed", "");
  if (const Json* p = r.object(doc, "policies", "")) {
    for (const auto& [role, value] : p->items()) s.policies.emplace_back(role, r.policy(value, "policies." + role));
  }
  if (const Json* sim = r.object(doc, "simulated", "")) {
    s.start = r.text(*sim, "start", "simulated");
    s.horizon_s = r.number(*sim, "horizon_s", "simulated").value_or(0.0);
    s.warmup_s = r.number(*sim, "warmup_s", "simulated").value_or(0.0);
    s.end_s = r.number(*sim, "end_s", "simulated").value_or(s.horizon_s);
  }
  if (const Json* g = r.object(doc, "global", "")) {
    s.global = r.metrics(*g, "global");
    if (const Json* imb = r.object(*g, "imbalance", "global")) {
      s.imbalance_cv = r.number(*imb, "cv", "global.imbalance");
      s.imbalance_jain = r.number(*imb, "jain", "global.imbalance");
    }
    s.egress_cost_usd = r.number(*g, "egress_cost_usd", "global");
  }
  if (const Json* regions = r.object(doc, "regions", ""))
    for (const auto& [id, value] : regions->items()) s.regions.push_back(region(r, id, value));
  if (const Json* workloads = r.object(doc, "workloads", ""))
    for (const auto& [id, value] : workloads->items()) s.workloads.push_back(workload(r, id, value));
  if (const Json* datasets = r.object(doc, "datasets", ""))
    for (const auto& [id, value] : datasets->items()) s.datasets.push_back(dataset(r, id, value));
  if (const Json* links = r.array(doc, "links", "")) {
    for (std::size_t i = 0; i < links->size(); ++i) {
      const Json& l = (*links)[i];
      const std::string where = fmt::format("links[{}]", i);
      const Json* between = r.array(l, "between", where);
      if (!between || between->size() != 2 || !(*between)[0].is_string() || !(*between)[1].is_string())
        r.fail(where + ".between", "expected two region names");
      LinkData link;
      link.a = (*between)[0].get<std::string>();
      link.b = (*between)[1].get<std::string>();
      if (const Json* d = r.member(l, "directed")) link.directed = d->is_boolean() && d->get<bool>();
      link.latency_ms = r.number(l, "latency_ms", where);
      link.bandwidth_gbps = r.number(l, "bandwidth_gbps", where);
      link.bytes = r.number(l, "bytes", where).value_or(0.0);
      link.utilization = r.number(l, "utilization", where);
      s.links.push_back(std::move(link));
    }
  }
  if (const Json* run = r.object(doc, "run", "")) {
    s.events = r.number(*run, "events", "run");
    s.wall_s = r.number(*run, "wall_s", "run");
    s.events_per_s = r.number(*run, "events_per_s", "run");
    s.fingerprint = r.text(*run, "fingerprint", "run");
  }
  return s;
}

}  // namespace meridian::report
