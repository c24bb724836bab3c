// compare.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched): a bar
// chart with 95 % whiskers per headline metric, the paired differences against the first
// variant, and every metric in a collapsible table.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "compare/ci_bar_chart.hpp"
#include "compare/compare_output.hpp"
#include "report/charts.hpp"
#include "report/page_style.hpp"
#include "report/svg.hpp"

namespace meridian::compare {

namespace {

using report::escape_xml;

constexpr const char* kStyle = R"css(
svg.chart { display: block; width: 100%; max-width: 640px; height: auto; overflow: hidden; }
svg.chart .value { font-size: 11px; font-variant-numeric: tabular-nums; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 10px 18px; }
table.data { border-collapse: collapse; font-size: 13px; margin-top: 8px; font-variant-numeric: tabular-nums; }
table.data th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 4px 12px 4px 0; vertical-align: bottom; }
table.data td { border-bottom: 1px solid #eef0f3; padding: 4px 12px 4px 0; vertical-align: top; }
td .ci { color: var(--muted); font-size: 12px; display: block; }
td.worse { background: rgba(213, 94, 0, .13); }
td.better { background: rgba(0, 114, 178, .11); }
.verdict { font-size: 12px; font-weight: 600; display: block; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 6px; }
details summary { cursor: pointer; font-weight: 600; }
)css";

std::string row(const std::string& key, const std::string& value_html) {
  return "<tr><th>" + escape_xml(key) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string color_of(std::size_t variant) { return report::series_style(variant).color; }

std::string variant_cell(const Comparison& c, std::size_t v) {
  return "<span class=\"dot\" style=\"background:" + color_of(v) + "\"></span>" + escape_xml(c.variants[v].label);
}

// Largest |value| any interval end of `path` reaches over the variants (0: zero everywhere).
double magnitude_of(const Comparison& c, const std::string& path) {
  double magnitude = 0.0;
  for (const auto& v : c.variants)
    if (const MetricSummary* m = v.find(path))
      magnitude = std::max({magnitude, std::fabs(m->value.high()), std::fabs(m->value.low())});
  return magnitude;
}

std::string header(const Comparison& c) {
  std::string html = "<header>\n<h1>" + escape_xml(c.scenario) +
                     " <span class=\"subtitle\">Meridian comparison</span></h1>\n<table class=\"meta\">\n";
  std::string varied;
  for (const auto& axis : c.axes) {
    std::string values;
    for (std::size_t i = 0; i < axis.values.size(); ++i) values += (i ? ", " : "") + axis.values[i];
    varied += "<code>" + escape_xml(axis.path) + "</code> = " + escape_xml(values) + "<br>";
  }
  html += row("varied", varied);
  html +=
      row("variants", fmt::format("{} (every combination), {} replication{} each, {} runs", c.variants.size(),
                                  c.replications, c.replications == 1 ? "" : "s", c.variants.size() * c.replications));
  html += row("reference", c.variants.empty() ? "" : variant_cell(c, 0) + " (differences are against it)");
  html += row("method",
              "mean over replications with its 95 % Student-t interval; replication <i>i</i> of every variant uses "
              "the same random numbers (common random numbers), so differences are paired by replication");
  return html + "</table>\n</header>\n";
}

std::string charts(const Comparison& c) {
  std::string html =
      "<section class=\"panel\" id=\"headline\">\n<h2>Headline metrics</h2>\n<p class=\"note\">Bars are the mean "
      "over replications; whiskers the 95 % confidence interval of that mean (a whisker without a cap runs past the "
      "axis: below zero, or above 100 %, where few replications give a wide interval). Hover a bar for its "
      "numbers.</p>\n"
      "<div class=\"multiples\">\n";
  std::vector<std::string> all_zero;
  for (const auto& path : present_headlines(c)) {
    const double magnitude = magnitude_of(c, path);
    if (magnitude == 0.0) {
      all_zero.push_back(metric_title(path));  // an empty chart says less than a sentence
      continue;
    }
    // The unit follows the means, as the bars' labels do; whiskers may run to larger values.
    double largest_mean = 0.0;
    for (const auto& v : c.variants)
      if (const MetricSummary* m = v.find(path)) largest_mean = std::max(largest_mean, std::fabs(m->value.mean));
    const AxisUnit unit = axis_unit(path, largest_mean > 0.0 ? largest_mean : magnitude);
    CiBarChart chart;
    chart.title = metric_title(path) + " by variant";
    chart.axis_label = unit.label;
    chart.width = 440;  // about its width on the page at three per row, so text keeps its size
    chart.short_ticks = unit.short_ticks;
    if (unit.label.ends_with("(%)")) chart.max = 100.0;  // a share cannot pass 100 %
    for (std::size_t i = 0; i < c.variants.size(); ++i) {
      const MetricSummary* m = c.variants[i].find(path);
      if (!m) continue;
      CiBar bar;
      bar.label = c.variants[i].label;
      bar.mean = m->value.mean / unit.divisor;
      bar.has_interval = m->value.has_interval();
      bar.low = m->value.low() / unit.divisor;
      bar.high = m->value.high() / unit.divisor;
      bar.text = format_estimate(path, m->value);
      bar.color = color_of(i);
      chart.bars.push_back(std::move(bar));
    }
    html += "<figure><figcaption>" + escape_xml(metric_title(path)) + " <code>" + escape_xml(path) +
            "</code></figcaption>" + ci_bar_chart(chart) + "</figure>\n";
  }
  html += "</div>\n";
  if (!all_zero.empty()) {
    std::string names;
    for (std::size_t i = 0; i < all_zero.size(); ++i) names += (i ? ", " : "") + all_zero[i];
    html += "<p class=\"note\">Zero in every run of every variant, so not drawn: " + escape_xml(names) + ".</p>\n";
  }
  return html + "</section>\n";
}

std::string difference_cell(const std::string& path, const MetricSummary& here, const MetricSummary* reference) {
  if (!here.difference) return "<td>—</td>";
  const MeanEstimate& d = *here.difference;
  const bool significant = d.has_interval() && (d.low() > 0.0 || d.high() < 0.0);
  const Direction direction = metric_direction(path);
  std::string css, verdict = "no significant difference";
  if (!d.has_interval()) {
    verdict = "one replication: no interval";
  } else if (significant) {
    const bool up = d.mean > 0.0;
    if (direction == Direction::kNeutral) {
      verdict = up ? "▲ higher" : "▼ lower";
    } else {
      const bool worse = (direction == Direction::kHigherIsWorse) == up;
      verdict = std::string(up ? "▲ " : "▼ ") + (worse ? "worse" : "better");
      css = worse ? " class=\"worse\"" : " class=\"better\"";
    }
  }
  std::string relative;
  if (reference && reference->value.mean != 0.0) {
    const double change = d.mean / std::fabs(reference->value.mean);
    // Past +1000 % a ratio reads better than a percentage ("x373" rather than "+37,200 %").
    relative = change >= 99.0   ? fmt::format(" (x{:.0f})", 1.0 + change)
               : change >= 10.0 ? fmt::format(" (x{:.1f})", 1.0 + change)
                                : fmt::format(" ({:+.1f} %)", 100.0 * change);
  }
  std::string interval;
  if (d.has_interval()) interval = "95 % CI " + format_difference_interval(path, d.low(), d.high());
  return "<td" + css + ">" + escape_xml(format_difference(path, d) + relative) + "<span class=\"ci\">" +
         escape_xml(interval) + "</span><span class=\"verdict\">" + escape_xml(verdict) + "</span></td>";
}

std::string differences(const Comparison& c) {
  std::string html = "<section class=\"panel\" id=\"differences\">\n<h2>Paired differences against " +
                     escape_xml(c.variants.front().label) + "</h2>\n";
  html +=
      "<p class=\"note\">Each cell: mean of (variant − reference) over replications that share their random numbers, "
      "± the half-width of its 95 % interval, the change relative to the reference mean, and the interval itself. "
      "<b>worse</b> / <b>better</b> (tinted orange / blue) when the interval excludes zero, judged by the metric's "
      "direction; GPU utilization has none. Differences of shares are in percentage points (pp).</p>\n";
  if (c.variants.size() < 2) return html + "<p class=\"note\">Only one variant: nothing to compare.</p>\n</section>\n";
  std::vector<std::string> paths;
  for (const auto& path : present_headlines(c))
    if (magnitude_of(c, path) > 0.0) paths.push_back(path);  // zero everywhere: nothing to difference
  html += "<table class=\"data\"><thead><tr><th>variant</th>";
  for (const auto& path : paths) html += "<th>" + escape_xml(metric_title(path)) + "</th>";
  html += "</tr></thead><tbody>\n";
  for (std::size_t v = 1; v < c.variants.size(); ++v) {
    html += "<tr><td>" + variant_cell(c, v) + "</td>";
    for (const auto& path : paths) {
      const MetricSummary* m = c.variants[v].find(path);
      html += m ? difference_cell(path, *m, c.variants.front().find(path)) : "<td>—</td>";
    }
    html += "</tr>\n";
  }
  return html + "</tbody></table>\n</section>\n";
}

std::string all_metrics(const Comparison& c) {
  std::string html = fmt::format(
      "<section class=\"panel\" id=\"all-metrics\">\n<details>\n<summary>All {} metrics (mean ± 95 % half-width)"
      "</summary>\n<p class=\"note\">Every number of summary.json under global, regions, workloads and datasets; "
      "compare.csv and compare.json hold the same with the intervals' ends and the paired differences.</p>\n"
      "<table class=\"data\"><thead><tr><th>metric</th><th>worse when</th>",
      c.metric_paths.size());
  for (std::size_t v = 0; v < c.variants.size(); ++v) html += "<th>" + variant_cell(c, v) + "</th>";
  html += "</tr></thead><tbody>\n";
  for (const auto& path : c.metric_paths) {
    const Direction d = metric_direction(path);
    html += "<tr><td><code>" + escape_xml(path) + "</code></td><td>" +
            (d == Direction::kHigherIsWorse  ? "higher"
             : d == Direction::kLowerIsWorse ? "lower"
                                             : "—") +
            "</td>";
    for (const auto& v : c.variants) {
      const MetricSummary* m = v.find(path);
      html += "<td>" + escape_xml(m ? format_estimate(path, m->value) : "—") + "</td>";
    }
    html += "</tr>\n";
  }
  return html + "</tbody></table>\n</details>\n</section>\n";
}

}  // namespace

std::string comparison_html(const Comparison& c) {
  std::string page =
      report::page_start(escape_xml(c.scenario) + " · Meridian comparison", kStyle);
  page += header(c);
  if (!c.variants.empty()) {
    page += charts(c);
    page += differences(c);
    page += all_metrics(c);
  }
  page += "<footer>Built by Meridian " + escape_xml(MERIDIAN_VERSION) +
          ". Self-contained: no scripts and nothing loaded from the network. Colours: Okabe-Ito palette.</footer>\n";
  return page + "</main>\n</body>\n</html>\n";
}

}  // namespace meridian::compare
