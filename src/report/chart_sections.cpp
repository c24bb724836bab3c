// The chart panels of report.html: time series, latency CDF, cost/energy/carbon, SLO, outages.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/charts.hpp"
#include "report/display.hpp"
#include "report/sections.hpp"
#include "report/svg.hpp"

namespace meridian::report {

namespace {

constexpr std::size_t kMaxPointsPerLine = 600;

std::string panel(const std::string& id, const std::string& title, const std::string& body,
                  const std::string& note = {}) {
  std::string html = "<section class=\"panel\" id=\"" + id + "\">\n<h2>" + escape_xml(title) + "</h2>\n";
  if (!note.empty()) html += "<p class=\"note\">" + note + "</p>\n";
  return html + body + "</section>\n";
}

std::string swatch(const SeriesStyle& style, const std::string& label) {
  return "<span class=\"key\"><svg class=\"swatch\" viewBox=\"0 0 22 8\"><line x1=\"0\" y1=\"4\" x2=\"22\" y2=\"4\" "
         "stroke=\"" +
         style.color + "\" stroke-width=\"3\"" +
         (style.dash.empty() ? "" : " stroke-dasharray=\"" + style.dash + "\"") + "/></svg>" + escape_xml(label) +
         "</span>";
}

double span_s(const Summary& s) { return s.end_s > 0 ? s.end_s : std::max(s.horizon_s, 1.0); }

// Warm-up and (for one region) its outages, as shaded spans in the chart's time unit.
std::vector<Band> bands(const Summary& s, const TimeUnit& unit, const RegionData* region) {
  std::vector<Band> out;
  if (s.warmup_s > 0) out.push_back({0.0, s.warmup_s / unit.seconds, "warm-up (not counted)", "#8a939c"});
  if (s.horizon_s > 0 && s.horizon_s < s.end_s)
    out.push_back({s.horizon_s / unit.seconds, s.horizon_s / unit.seconds, "horizon: arrivals stop", "#5f6670"});
  if (region)
    for (const auto& [down, up] : region->outage_intervals_s)
      out.push_back({down / unit.seconds, up / unit.seconds, "down", "#D55E00"});
  return out;
}

Points scaled(const Points& points, double x_divisor) {
  Points out = points;
  for (auto& p : out) p.first /= x_divisor;
  return out;
}

}  // namespace

std::size_t region_index(const Summary& s, const std::string& region) {
  for (std::size_t i = 0; i < s.regions.size(); ++i)
    if (s.regions[i].id == region) return i;
  return s.regions.size();
}

std::string timeseries_sections(const RunFiles& run) {
  const Summary& s = run.summary;
  if (!run.has_timeseries || run.timeseries.empty()) {
    const std::string note =
        "This run did not write <code>timeseries.csv</code>. Add <code>timeseries</code> to the scenario's "
        "<code>outputs</code> (it is in the default list) and run again to see utilization and queue length "
        "over time.";
    return panel("utilization", "Utilization over time", "", note) +
           panel("queues", "Queue length over time", "", "Needs <code>timeseries.csv</code> (see above).");
  }
  const TimeUnit unit = time_unit_for(span_s(s));
  const std::string x_label = fmt::format("simulated time ({})", unit.name);

  // Utilization: one small chart per region, one line per resource.
  std::vector<std::string> resources;
  for (const RegionSeries& r : run.timeseries)
    for (const auto& [name, values] : r.utilization)
      if (std::find(resources.begin(), resources.end(), name) == resources.end()) resources.push_back(name);
  std::string keys = "<p class=\"keys\">";
  for (std::size_t k = 0; k < resources.size(); ++k) keys += swatch(series_style(k), resources[k]);
  keys +=
      "<span class=\"key\"><span class=\"box warm\"></span>warm-up (not counted)</span>"
      "<span class=\"key\"><span class=\"box down\"></span>region down</span></p>\n";
  // One small chart of a region's series over time: the frame both kinds of multiples share.
  const auto region_chart = [&](const RegionSeries& r, const std::string& what, const std::string& y_label) {
    const std::size_t index = region_index(s, r.region);
    LineChart chart;
    chart.title = r.region + ": " + what + " over time";
    chart.x_label = x_label;
    chart.y_label = y_label;
    chart.width = 420, chart.height = 200;
    chart.hours_x = unit.hours, chart.legend = false;
    chart.x_min = 0.0, chart.x_max = span_s(s) / unit.seconds, chart.y_min = 0.0;
    chart.bands = bands(s, unit, index < s.regions.size() ? &s.regions[index] : nullptr);
    return chart;
  };
  const auto figure = [](const RegionSeries& r, const LineChart& chart) {
    return "<figure><figcaption>" + escape_xml(r.region) + "</figcaption>\n" + line_chart(chart) + "</figure>\n";
  };
  std::string grid = "<div class=\"multiples\">\n";
  for (const RegionSeries& r : run.timeseries) {
    LineChart chart = region_chart(r, "utilization", "utilization");
    chart.y_percent = true, chart.y_max = 1.0;
    for (const auto& [name, values] : r.utilization) {
      const std::size_t k =
          static_cast<std::size_t>(std::find(resources.begin(), resources.end(), name) - resources.begin());
      chart.series.push_back(
          {name, scaled(downsample_min_max(r.t, values, kMaxPointsPerLine), unit.seconds), series_style(k)});
    }
    grid += figure(r, chart);
  }
  grid += "</div>\n";
  std::string html = panel("utilization", "Utilization over time", keys + grid,
                           "Share of each resource's capacity allocated to tasks, per region, at each sample.");

  // Queue length: one small chart per region, each on its own scale (queues differ by orders
  // of magnitude between regions; on a shared axis one long queue flattens all the others).
  double most = 0.0;
  std::string queues = "<div class=\"multiples\">\n";
  for (const RegionSeries& r : run.timeseries) {
    LineChart queue = region_chart(r, "queue length", "tasks waiting");
    double region_most = 0.0;
    for (const double q : r.queued) region_most = std::max(region_most, q);
    most = std::max(most, region_most);
    if (region_most < 5) queue.y_max = 5.0;  // counts: keep the ticks on whole tasks
    queue.series.push_back({r.region, scaled(downsample_min_max(r.t, r.queued, kMaxPointsPerLine), unit.seconds),
                            series_style(region_index(s, r.region))});
    queues += figure(r, queue);
  }
  queues += "</div>\n";
  std::string note =
      "Tasks waiting in each region's queue at each sample (not yet started); each chart has its own scale.";
  if (most == 0) note += " No task waited in any queue at any sample of this run.";
  html += panel("queues", "Queue length over time", queues, note);
  return html;
}

std::string latency_section(const RunFiles& run) {
  const Summary& s = run.summary;
  LineChart chart;
  chart.title = "Response time CDF per workload";
  chart.x_label = "response time (log scale)";
  chart.y_label = "fraction of tasks completed within";
  chart.width = 1280, chart.height = 380;
  chart.log_x = true, chart.duration_x = true, chart.y_percent = true;
  chart.y_min = 0.0, chart.y_max = 1.0;
  bool exact = false;
  for (std::size_t w = 0; w < s.workloads.size(); ++w) {
    const WorkloadData& wl = s.workloads[w];
    Points points;
    const auto from_tasks = std::find_if(run.task_responses.begin(), run.task_responses.end(),
                                         [&](const auto& e) { return e.first == wl.id; });
    if (run.has_tasks && from_tasks != run.task_responses.end()) {
      std::vector<double> values = from_tasks->second;
      points = empirical_cdf(values, kMaxPointsPerLine);
      exact = true;
    } else if (wl.metrics.completed.value_or(1.0) > 0) {
      const std::size_t n = wl.response_cdf_s.size();
      for (std::size_t i = 0; i < n; ++i) {
        const std::pair<double, double> p{wl.response_cdf_s[i],
                                          n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 1.0};
        if (points.empty() || points.back() != p) points.push_back(p);
      }
    }
    if (!points.empty()) chart.series.push_back({wl.id, std::move(points), series_style(w)});
  }
  // The axis starts at the lowest 0.5th percentile of the workloads: the extreme lower tail of
  // exact data (a few microseconds) would otherwise squeeze the distributions into a corner.
  double x_min = INFINITY;
  for (const auto& series : chart.series) {
    const auto at =
        std::find_if(series.points.begin(), series.points.end(), [](const auto& p) { return p.second >= 0.005; });
    if (at != series.points.end() && at->first > 0) x_min = std::min(x_min, at->first);
  }
  if (std::isfinite(x_min)) chart.x_min = x_min;
  const std::string source =
      exact ? "Exact, from every completed task in <code>tasks.csv</code> (after warm-up)."
            : "From the streaming quantile sketch in <code>summary.json</code> (41 quantiles; add <code>tasks</code> "
              "to the outputs for the exact distribution).";
  std::string body = chart.series.empty() ? "<p class=\"note\">No workload completed a task.</p>\n" : line_chart(chart);

  body +=
      "<table class=\"data\"><thead><tr><th>workload</th><th>class</th><th>arrived</th><th>completed</th>"
      "<th>failed</th><th>restarted</th><th>mean wait</th><th>mean response</th><th>p50</th><th>p95</th>"
      "<th>p99</th><th>max</th><th>SLO met</th><th>cost</th></tr></thead><tbody>\n";
  for (std::size_t w = 0; w < s.workloads.size(); ++w) {
    const WorkloadData& wl = s.workloads[w];
    const Metrics& m = wl.metrics;
    body += fmt::format(
        "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        "<span class=\"dot\" style=\"background:" + series_style(w).color + "\"></span>", escape_xml(wl.id),
        escape_xml(wl.kind), format_count(m.arrived), format_count(m.completed), format_count(m.failed),
        format_count(m.restarted), format_duration(m.wait_s.mean), format_duration(m.response_s.mean),
        format_duration(m.response_s.p50), format_duration(m.response_s.p95), format_duration(m.response_s.p99),
        format_duration(m.response_s.max), m.slo_attainment ? format_percent(m.slo_attainment) : "no SLO",
        format_usd(m.cost_usd));
  }
  body += "</tbody></table>\n";
  return panel("latency", "Response time per workload", body,
               "Response time = arrival to completion; the axis starts at the lowest 0.5th percentile. " + source);
}

std::string cost_sections(const Summary& s) {
  struct Metric {
    const char* title;
    const char* axis;
    std::optional<double> Metrics::*field;
    std::string (*format)(std::optional<double>);
    std::string color;
  };
  const Metric metrics[] = {
      {"Cost per region", "cost (USD, compute + egress)", &Metrics::cost_usd, &format_usd, okabe_ito()[0]},
      {"Energy per region", "energy (kWh, incl. PUE)", &Metrics::energy_kwh, &format_energy, okabe_ito()[1]},
      {"Carbon per region", "carbon (kg CO₂e)", &Metrics::carbon_kg, &format_carbon, okabe_ito()[2]},
  };
  std::string grid = "<div class=\"trio\">\n";
  for (const Metric& m : metrics) {
    BarChart chart;
    chart.title = m.title;
    chart.value_label = m.axis;
    chart.width = 420;
    for (const RegionData& r : s.regions) {
      const auto v = r.metrics.*m.field;
      chart.bars.push_back({r.id, v, m.format(v), m.color});
    }
    grid += "<figure><figcaption>" + escape_xml(m.title) + "</figcaption>\n" + bar_chart(chart) + "</figure>\n";
  }
  grid += "</div>\n";
  const std::string totals = fmt::format(
      "Totals: {} ({} compute, {} egress), {}, {} CO₂e.", format_usd(s.global.cost_usd),
      format_usd(s.global.cost_usd && s.egress_cost_usd ? std::optional<double>(*s.global.cost_usd - *s.egress_cost_usd)
                                                        : std::nullopt),
      format_usd(s.egress_cost_usd), format_energy(s.global.energy_kwh), format_carbon(s.global.carbon_kg));
  std::string html = panel("cost", "Cost, energy and carbon", grid, escape_xml(totals));

  BarChart slo;
  slo.title = "SLO attainment per workload";
  slo.value_label = "tasks that met their response-time objective (%)";
  slo.width = 1280, slo.percent = true, slo.missing_text = "no SLO set";
  for (std::size_t w = 0; w < s.workloads.size(); ++w) {
    const WorkloadData& wl = s.workloads[w];
    slo.bars.push_back(
        {wl.id, wl.metrics.slo_attainment, format_percent(wl.metrics.slo_attainment), series_style(w).color});
  }
  html += panel("slo", "SLO attainment per workload", bar_chart(slo),
                "Completed within the objective, out of completed plus failed tasks (a failed task misses it).");
  return html;
}

std::string outage_section(const Summary& s) {
  const TimeUnit unit = time_unit_for(span_s(s));
  Timeline chart;
  chart.title = "Outage timeline per region";
  chart.x_label = fmt::format("simulated time ({})", unit.name);
  chart.x_max = span_s(s) / unit.seconds;
  chart.hours_x = unit.hours;
  chart.bands = bands(s, unit, nullptr);
  // One row of spans; returns how many it has. `state` says what a span means in its tooltip.
  const auto add_row = [&](const std::string& label, const std::string& id, const char* state,
                           const std::vector<std::pair<double, double>>& intervals) {
    TimelineRow row{label, {}, {}};
    for (const auto& [from, to] : intervals) {
      row.spans.emplace_back(from / unit.seconds, to / unit.seconds);
      row.span_notes.push_back(fmt::format("{} {} from {} to {} ({})", id, state, format_duration(from),
                                           format_duration(to), format_duration(to - from)));
    }
    chart.rows.push_back(std::move(row));
    return intervals.size();
  };
  std::size_t outages = 0;
  for (const RegionData& r : s.regions) outages += add_row(r.id, r.id, "down", r.outage_intervals_s);
  // A dataset is "down" while nothing serves it: from its primary's failure to a failover or
  // the region's return.
  std::size_t data_outages = 0;
  for (const DatasetData& d : s.datasets)
    if (!d.unavailable_intervals_s.empty())
      data_outages += add_row("data " + d.id, d.id, "not served", d.unavailable_intervals_s);
  std::string note =
      "<span class=\"key\"><span class=\"box up\"></span>up</span><span class=\"key\"><span "
      "class=\"box down\"></span>down</span><span class=\"key\"><span class=\"box warm\"></span>"
      "warm-up (not counted)</span> ";
  note += outages ? fmt::format("{} outage{}; work lost to failures: {} GPU·h.", outages, outages == 1 ? "" : "s",
                                group_thousands(s.global.work_lost_gpu_h.value_or(0.0), 1))
                  : "No region went down during this run.";
  if (data_outages) note += " Rows \"data …\": the time each dataset was not served (its primary down, no copy yet).";
  return panel("outages", "Outage timeline", timeline_chart(chart), note) + recovery_section(s);
}

std::string recovery_section(const Summary& s) {
  if (s.datasets.empty()) return {};
  std::string policy = "none";
  for (const auto& [role, name] : s.policies)
    if (role == "replication") policy = name;
  std::string body =
      "<table class=\"data\"><thead><tr><th>dataset</th><th>home</th><th>size</th><th>copies</th><th>outages</th>"
      "<th>RPO (writes exposed)</th><th>RTO mean</th><th>RTO max</th><th>data lost</th><th>replicated</th>"
      "<th>replication cost</th><th>primary at end</th></tr></thead><tbody>\n";
  const auto gb = [](std::optional<double> v) { return v ? group_thousands(*v, 1) + " GB" : std::string("–"); };
  for (const DatasetData& d : s.datasets) {
    std::string copies;
    for (const auto& c : d.copies) copies += (copies.empty() ? "" : ", ") + escape_xml(c);
    const bool hit = d.outages.value_or(0) > 0;
    const std::string none = "–";
    body += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape_xml(d.id), escape_xml(d.home), gb(d.size_gb), copies.empty() ? none : copies, format_count(d.outages),
        hit ? format_duration(d.rpo_s) + ", " + gb(d.rpo_gb) : none, hit ? format_duration(d.rto_mean_s) : none,
        hit ? format_duration(d.rto_max_s) : none, gb(d.lost_gb), gb(d.replication_gb),
        format_usd(d.replication_cost_usd), escape_xml(d.primary_at_end));
  }
  body += "</tbody></table>\n";
  return panel("recovery", "Disaster recovery per dataset", body,
               "Replication policy: " + escape_xml(policy) +
                   ". RPO: the writes on no copy when the primary failed, what losing that region for good would "
                   "cost (worst outage). RTO: from the failure until the data was served again, by a copy that took "
                   "over or by the region's return. Data lost: the writes a lagging copy lacked when it took over.");
}

}  // namespace meridian::report
