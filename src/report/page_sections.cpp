// The non-chart panels of report.html: header, key numbers, topology (map and region table).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/charts.hpp"
#include "report/display.hpp"
#include "report/sections.hpp"
#include "report/svg.hpp"
#include "report/world_map.hpp"

namespace meridian::report {

namespace {

std::string row(const std::string& key, const std::string& value_html) {
  return "<tr><th>" + escape_xml(key) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string card(const std::string& label, const std::string& value, const std::string& detail) {
  return "<div class=\"card\"><div class=\"label\">" + escape_xml(label) + "</div><div class=\"value\">" +
         escape_xml(value) + "</div><div class=\"detail\">" + escape_xml(detail) + "</div></div>\n";
}

std::string capacity_text(const RegionData& r) {
  std::string out;
  for (const auto& [name, units] : r.capacity)
    out += (out.empty() ? "" : ", ") + group_thousands(units, 0) + " " + name;
  return out.empty() ? kMissing : out;
}

std::string utilization_text(const std::vector<std::pair<std::string, double>>& u) {
  std::string out;
  for (const auto& [name, fraction] : u) out += (out.empty() ? "" : ", ") + name + " " + format_percent(fraction);
  return out.empty() ? kMissing : out;
}

}  // namespace

std::string header_section(const Summary& s) {
  std::string html = "<header>\n<h1>" + escape_xml(s.scenario.empty() ? "Meridian run" : s.scenario) +
                     " <span class=\"subtitle\">Meridian run report</span></h1>\n<table class=\"meta\">\n";
  html += row("seed", escape_xml(s.seed.empty() ? kMissing : s.seed));
  std::string policies;
  for (const auto& [role, text] : s.policies)
    policies += "<span class=\"policy\"><b>" + escape_xml(role) + "</b> " + escape_xml(text) + "</span> ";
  html += row("policies", policies.empty() ? kMissing : policies);
  std::string span = s.start.empty() ? "" : "from " + escape_xml(s.start) + ", ";
  span += "horizon " + escape_xml(format_duration(s.horizon_s)) + ", warm-up " +
          escape_xml(format_duration(s.warmup_s)) + " (not counted), ended at " + escape_xml(format_duration(s.end_s)) +
          " after draining";
  html += row("simulated", span);
  std::string run =
      escape_xml(format_count(s.events)) + " events in " + escape_xml(format_duration(s.wall_s)) + " of wall time";
  if (s.events_per_s) run += " (" + escape_xml(short_number(*s.events_per_s)) + " events/s)";
  if (!s.fingerprint.empty()) run += ", fingerprint <code>" + escape_xml(s.fingerprint) + "</code>";
  html += row("run", run);
  html += row("version", "Meridian " + escape_xml(s.version.empty() ? kMissing : s.version));
  return html + "</table>\n</header>\n";
}

std::string key_numbers_section(const Summary& s) {
  const Metrics& g = s.global;
  std::string html = "<section class=\"panel\" id=\"key-numbers\">\n<h2>Key numbers</h2>\n<div class=\"cards\">\n";
  html += card("tasks completed", format_count(g.completed),
               fmt::format("of {} arrived; {} failed, {} restarted", format_count(g.arrived), format_count(g.failed),
                           format_count(g.restarted)));
  html += card("mean response", format_duration(g.response_s.mean),
               fmt::format("p50 {}, mean wait {}", format_duration(g.response_s.p50), format_duration(g.wait_s.mean)));
  html += card("p99 response", format_duration(g.response_s.p99),
               fmt::format("p95 {}, max {}", format_duration(g.response_s.p95), format_duration(g.response_s.max)));
  html += card("SLO attainment", g.slo_attainment ? format_percent(g.slo_attainment) : "no SLO",
               "of tasks with an objective");
  html += card("cost", format_usd(g.cost_usd), fmt::format("egress {}", format_usd(s.egress_cost_usd)));
  html += card("energy", format_energy(g.energy_kwh), "IT load × PUE");
  html += card("carbon", format_carbon(g.carbon_kg), "CO₂e from grid intensity");
  std::string first_util = kMissing, rest;
  if (!g.utilization.empty()) {
    first_util = format_percent(g.utilization.front().second);
    rest = g.utilization.front().first + " busy";
    if (g.utilization.size() > 1)
      rest += " (" + utilization_text({g.utilization.begin() + 1, g.utilization.end()}) + ")";
  }
  if (s.imbalance_jain) rest += fmt::format("; Jain index across regions {:.3f}", *s.imbalance_jain);
  html += card("utilization", first_util, rest);
  html += card("outages", format_count(g.outages),
               fmt::format("work lost {} GPU·h", group_thousands(g.work_lost_gpu_h.value_or(0.0), 1)));
  // Disaster recovery at a glance: the worst recovery point and time over the datasets hit.
  std::optional<double> rpo, rto;
  double lost_gb = 0.0;
  for (const DatasetData& d : s.datasets) {
    if (d.outages.value_or(0) == 0) continue;
    rpo = std::max(rpo.value_or(0.0), d.rpo_s.value_or(0.0));
    rto = std::max(rto.value_or(0.0), d.rto_max_s.value_or(0.0));
    lost_gb += d.lost_gb.value_or(0.0);
  }
  if (rpo)
    html += card("worst RPO / RTO", format_duration(rpo) + " / " + format_duration(rto),
                 fmt::format("data lost in failovers {} GB", group_thousands(lost_gb, 1)));
  if (g.residency_violations && *g.residency_violations > 0)
    html += card("residency violations", format_count(g.residency_violations),
                 "tasks run outside their data's jurisdiction");
  return html + "</div>\n</section>\n";
}

std::string topology_section(const Summary& s) {
  std::vector<MapRegion> located;
  std::vector<std::string> unlocated;
  for (std::size_t i = 0; i < s.regions.size(); ++i) {
    const RegionData& r = s.regions[i];
    if (!r.location) {
      unlocated.push_back(r.id);
      continue;
    }
    located.push_back({r.id, r.location->first, r.location->second, r.primary_capacity(), series_style(i).color,
                       !series_style(i).dash.empty(),
                       fmt::format("{} ({}, {}): {}; utilization {}", r.id, r.jurisdiction, r.timezone,
                                   capacity_text(r), utilization_text(r.metrics.utilization))});
  }
  std::vector<MapLink> links;
  double max_bytes = 0.0;
  for (const LinkData& l : s.links) {
    max_bytes = std::max(max_bytes, l.bytes);
    std::string tip = fmt::format("{} {} {}: {} moved", l.a, l.directed ? "→" : "↔", l.b,
                                  l.bytes > 0 ? short_number(l.bytes) + "B" : "nothing");
    if (l.latency_ms) tip += fmt::format(", latency {}", format_duration(*l.latency_ms / 1e3));
    if (l.bandwidth_gbps) tip += ", " + short_number(*l.bandwidth_gbps) + " Gbps";
    if (l.utilization && l.bandwidth_gbps && *l.bandwidth_gbps > 0)
      tip += fmt::format(", {:.1f} % utilized (busier direction)", *l.utilization * 100);
    links.push_back({l.a, l.b, l.bytes, tip});
  }

  std::string html =
      "<section class=\"panel\" id=\"topology\">\n<h2>Topology</h2>\n<p class=\"note\">Dot area grows "
      "with capacity (" +
      escape_xml(s.regions.empty() || s.regions.front().capacity.empty() ? std::string("units")
                                                                         : s.regions.front().capacity.front().first) +
      "); line width with bytes moved over the link";
  html += max_bytes > 0 ? " (widest: " + escape_xml(short_number(max_bytes)) + "B); dashed links moved nothing."
                        : "; no link moved any data.";
  html += " Hover for details.</p>\n<div class=\"map-row\">\n<div class=\"map\">" + world_map(located, links, 900) +
          "</div>\n";
  html +=
      "<div class=\"side\"><table class=\"data\"><thead><tr><th>region</th><th>where</th><th>capacity</th>"
      "<th>utilization</th><th>completed</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < s.regions.size(); ++i) {
    const RegionData& r = s.regions[i];
    html += "<tr><td><span class=\"dot\" style=\"background:" + series_style(i).color + "\"></span>" +
            escape_xml(r.id) + "</td><td>" + escape_xml(r.jurisdiction) +
            (r.timezone.empty() ? "" : " · " + escape_xml(r.timezone)) + "</td><td>" + escape_xml(capacity_text(r)) +
            "</td><td>" + escape_xml(utilization_text(r.metrics.utilization)) + "</td><td>" +
            escape_xml(format_count(r.metrics.completed)) + "</td></tr>\n";
  }
  html += "</tbody></table>\n";
  if (!unlocated.empty()) {
    html += "<p class=\"note\">Not on the map (no location in the scenario): ";
    for (std::size_t i = 0; i < unlocated.size(); ++i) html += (i ? ", " : "") + escape_xml(unlocated[i]);
    html += ".</p>\n";
  }
  return html + "</div>\n</div>\n</section>\n";
}

}  // namespace meridian::report
