#include "cli/summary_table.hpp"

#include <fmt/format.h>

namespace meridian::cli {

namespace {
std::string seconds(double s) {
  if (s < 1e-3) return fmt::format("{:.0f}us", s * 1e6);
  if (s < 1.0) return fmt::format("{:.1f}ms", s * 1e3);
  if (s < 120.0) return fmt::format("{:.2f}s", s);
  if (s < 7200.0) return fmt::format("{:.1f}m", s / 60);
  return fmt::format("{:.1f}h", s / 3600);
}
std::string percent(const nlohmann::ordered_json& v) {
  return v.is_number() ? fmt::format("{:.1f}%", v.get<double>() * 100) : "-";
}
std::string policy_name(const nlohmann::ordered_json& p) { return p.is_string() ? p.get<std::string>() : p["name"].get<std::string>(); }
}  // namespace

void print_summary_table(std::FILE* out, const nlohmann::ordered_json& s) {
  const auto& run = s["run"];
  const auto& p = s["policies"];
  fmt::print(out, "scenario {}  seed {}  scheduler {}  load balancer {}  queue {}  replication {}\n",
             s["scenario"].get<std::string>(), s["seed"].get<std::uint64_t>(), policy_name(p["scheduler"]),
             policy_name(p["load_balancer"]), policy_name(p["queue"]), policy_name(p["replication"]));
  fmt::print(out, "simulated {} in {:.2f}s wall ({} events, {:.2f} M events/s)\n\n",
             seconds(s["simulated"]["end_s"].get<double>()), run["wall_s"].get<double>(), run["events"].get<std::uint64_t>(),
             run["events_per_s"].get<double>() / 1e6);

  fmt::print(out, "{:<18} {:>10} {:>10} {:>7} {:>9} {:>9} {:>9} {:>9} {:>7}\n", "workload", "arrived", "completed",
             "failed", "wait", "wait p99", "resp p50", "resp p99", "SLO");
  for (const auto& [id, w] : s["workloads"].items()) {
    fmt::print(out, "{:<18} {:>10} {:>10} {:>7} {:>9} {:>9} {:>9} {:>9} {:>7}\n", id, w["tasks"]["arrived"].get<std::uint64_t>(),
               w["tasks"]["completed"].get<std::uint64_t>(), w["tasks"]["failed"].get<std::uint64_t>(),
               seconds(w["wait_s"]["mean"].get<double>()), seconds(w["wait_s"]["p99"].get<double>()),
               seconds(w["response_s"]["p50"].get<double>()), seconds(w["response_s"]["p99"].get<double>()),
               percent(w["slo_attainment"]));
  }

  fmt::print(out, "\n{:<18} {:>10} {:>8} {:>8} {:>9} {:>10} {:>11} {:>10}\n", "region", "completed", "util", "outages",
             "restarts", "cost $", "energy kWh", "CO2 kg");
  for (const auto& [id, r] : s["regions"].items()) {
    const auto& util = r["utilization"];
    const std::string first = util.empty() ? "-" : percent(util.begin().value());
    fmt::print(out, "{:<18} {:>10} {:>8} {:>8} {:>9} {:>10.0f} {:>11.0f} {:>10.0f}\n", id,
               r["tasks"]["completed"].get<std::uint64_t>(), first, r["outages"].get<std::uint64_t>(),
               r["tasks"]["restarted"].get<std::uint64_t>(), r["cost_usd"].get<double>(), r["energy_kwh"].get<double>(),
               r["carbon_kg"].get<double>());
  }
  const auto& g = s["global"];
  fmt::print(out, "{:<18} {:>10} {:>8} {:>8} {:>9} {:>10.0f} {:>11.0f} {:>10.0f}\n", "all",
             g["tasks"]["completed"].get<std::uint64_t>(),
             g["utilization"].empty() ? "-" : percent(g["utilization"].begin().value()), g["outages"].get<std::uint64_t>(),
             g["tasks"]["restarted"].get<std::uint64_t>(), g["cost_usd"].get<double>(), g["energy_kwh"].get<double>(),
             g["carbon_kg"].get<double>());
  fmt::print(out, "imbalance across regions: CV {:.3f}, Jain {:.3f}; residency violations {}; egress {:.1f} GB\n",
             g["imbalance"]["cv"].get<double>(), g["imbalance"]["jain"].get<double>(),
             g["residency_violations"].get<std::uint64_t>(), g["egress_gb"].get<double>());

  if (s["datasets"].empty()) return;
  // Disaster recovery: RPO is what a permanent loss of the primary would have cost, data lost
  // what failing over to a lagging copy did cost.
  fmt::print(out, "\n{:<18} {:<14} {:>7} {:>9} {:>10} {:>9} {:>10} {:>11}\n", "dataset", "copies", "outages", "RPO",
             "RPO GB", "RTO max", "lost GB", "shipped GB");
  for (const auto& [id, d] : s["datasets"].items()) {
    std::string copies;
    for (const auto& c : d["copies"]) copies += (copies.empty() ? "" : ",") + c.get<std::string>();
    const bool hit = d["outages"].get<std::uint64_t>() > 0;
    fmt::print(out, "{:<18} {:<14} {:>7} {:>9} {:>10.1f} {:>9} {:>10.1f} {:>11.1f}\n", id, copies.empty() ? "-" : copies,
               d["outages"].get<std::uint64_t>(), hit ? seconds(d["rpo"]["s"].get<double>()) : "-",
               d["rpo"]["gb"].get<double>(), hit ? seconds(d["rto_s"]["max"].get<double>()) : "-",
               d["data_lost"]["gb"].get<double>(), d["replication_gb"].get<double>());
  }
}

}  // namespace meridian::cli
