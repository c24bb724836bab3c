// The terminal table of `meridian compare` and the number formatting it shares with the page.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "compare/compare_output.hpp"

namespace meridian::compare {

namespace {

enum class Kind { kDuration, kFraction, kMoney, kPlain };

Kind kind_of(const std::string& path) {
  const auto dot = path.rfind('.');
  const std::string name = dot == std::string::npos ? path : path.substr(dot + 1);
  // Seconds: a name ending in _s, a statistic of one (wait_s.p99, rto_s.max), or rpo.s.
  if (path.find("_s.") != std::string::npos || (name.size() > 2 && name.ends_with("_s")) || path.ends_with("rpo.s"))
    return Kind::kDuration;
  if (name == "slo_attainment" || path.find("utilization.") != std::string::npos) return Kind::kFraction;
  if (name.ends_with("_usd")) return Kind::kMoney;
  return Kind::kPlain;
}

// Decimals that show the mean to about three significant digits and the half-width to at
// least one, so "± 0.0" never hides a real spread.
int decimals_for(double mean, double half_width) {
  const double m = std::fabs(mean);
  int d = m == 0.0 ? 0 : m < 10 ? 2 : m < 100 ? 1 : 0;
  if (half_width > 0.0) d = std::max(d, static_cast<int>(std::ceil(-std::log10(half_width))));
  return std::clamp(d, 0, 4);
}

struct Scale {
  double factor;  // displayed = value / factor
  const char* suffix;
};

Scale thousands(double magnitude) {
  if (magnitude >= 1e9) return {1e9, "G"};
  if (magnitude >= 1e6) return {1e6, "M"};
  if (magnitude >= 1e4) return {1e3, "k"};  // below 10,000 the full number is short enough
  return {1.0, ""};
}

Scale time_scale(double seconds) {
  if (seconds == 0.0) return {1.0, " s"};
  if (seconds < 1e-3) return {1e-6, " us"};
  if (seconds < 1.0) return {1e-3, " ms"};
  if (seconds < 120.0) return {1.0, " s"};
  if (seconds < 7200.0) return {60.0, " min"};
  return {3600.0, " h"};
}

// `magnitude` picks the unit and scale (default: the mean's, or the half-width's when it is 0).
std::string format(const std::string& path, double mean, std::optional<double> half_width, bool sign = false,
                   std::optional<double> magnitude_for_unit = std::nullopt) {
  const Kind kind = kind_of(path);
  const double magnitude =
      magnitude_for_unit.value_or(std::fabs(mean) > 0 ? std::fabs(mean) : half_width.value_or(0.0));
  Scale scale{1.0, ""};
  std::string prefix, unit;
  if (kind == Kind::kDuration) {
    scale = time_scale(magnitude);
    unit = scale.suffix;
    scale.suffix = "";
  } else if (kind == Kind::kFraction) {
    scale = {0.01, ""};
    unit = " %";
  } else {
    scale = thousands(magnitude);
    if (kind == Kind::kMoney) prefix = "$";
  }
  const double m = mean / scale.factor;
  const double h = half_width.value_or(0.0) / scale.factor;
  const int d = kind == Kind::kFraction ? std::max(1, decimals_for(m, h)) : decimals_for(m, h);
  std::string out = fmt::format("{}{}{:.{}f}{}",
                                sign && m >= 0 ? "+"
                                : m < 0        ? "-"
                                               : "",
                                prefix, std::fabs(m), d, scale.suffix);
  if (half_width) out += fmt::format(" ± {:.{}f}{}", h, d, scale.suffix);
  return out + unit;
}

// Columns are measured in code points: "±" is two bytes but one column.
std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::string fill(width > display_width(text) ? width - display_width(text) : 0, ' ');
  return left ? text + fill : fill + text;
}

// The unit of a plain number, from its name's suffix ("" when it is a count or unknown).
std::string plain_unit(const std::string& path) {
  for (const auto& [suffix, unit] : std::vector<std::pair<std::string, std::string>>{
           {"_kg", "kg CO2e"}, {"_kwh", "kWh"}, {"_gb", "GB"}, {"_gpu_h", "GPU-h"}})
    if (path.ends_with(suffix)) return unit;
  if (path.find("tasks.") != std::string::npos) return "tasks";
  return "";
}

}  // namespace

AxisUnit axis_unit(const std::string& path, double magnitude) {
  const std::string title = metric_title(path);
  switch (kind_of(path)) {
    case Kind::kDuration: {
      const Scale s = time_scale(magnitude);
      return {s.factor, title + " (" + std::string(s.suffix + 1) + ")", false};
    }
    case Kind::kFraction:
      return {0.01, title + " (%)", false};
    case Kind::kMoney:
      return {1.0, title + " (USD)", true};
    case Kind::kPlain:
      break;
  }
  const std::string unit = plain_unit(path);
  return {1.0, unit.empty() ? title : title + " (" + unit + ")", true};
}

std::string format_metric(const std::string& path, double value) { return format(path, value, std::nullopt); }

std::string format_estimate(const std::string& path, const MeanEstimate& e) {
  return format(path, e.mean, e.has_interval() ? std::optional<double>(e.half_width) : std::nullopt);
}

namespace {
// A difference of two shares is in percentage points, not percent of anything.
std::string as_points(const std::string& path, std::string text) {
  if (kind_of(path) == Kind::kFraction && text.ends_with(" %")) text.replace(text.size() - 1, 1, "pp");
  return text;
}
}  // namespace

std::string format_difference_interval(const std::string& path, double low, double high) {
  // Both ends in the unit of the larger one, written once: "[7.80, 8.87] min".
  const std::string a =
      as_points(path, format(path, low, std::nullopt, true, std::max(std::fabs(low), std::fabs(high))));
  const std::string b =
      as_points(path, format(path, high, std::nullopt, true, std::max(std::fabs(low), std::fabs(high))));
  const std::size_t space = b.rfind(' ');
  if (kind_of(path) == Kind::kDuration || kind_of(path) == Kind::kFraction)
    return fmt::format("[{}, {}]{}", a.substr(0, a.rfind(' ')), b.substr(0, space), b.substr(space));
  return fmt::format("[{}, {}]", a, b);
}

std::string format_difference(const std::string& path, const MeanEstimate& d) {
  return as_points(path,
                   format(path, d.mean, d.has_interval() ? std::optional<double>(d.half_width) : std::nullopt, true));
}

std::string metric_title(const std::string& path) {
  static const std::vector<std::pair<std::string, std::string>> names = {{"global.tasks.completed", "completed"},
                                                                         {"global.wait_s.mean", "wait mean"},
                                                                         {"global.wait_s.p99", "wait p99"},
                                                                         {"global.response_s.mean", "response mean"},
                                                                         {"global.response_s.p99", "response p99"},
                                                                         {"global.slo_attainment", "SLO attainment"},
                                                                         {"global.utilization.gpu", "GPU utilization"},
                                                                         {"global.cost_usd", "cost"},
                                                                         {"global.carbon_kg", "carbon"},
                                                                         {"global.rpo.s", "RPO"},
                                                                         {"global.rto_s.max", "RTO max"}};
  for (const auto& [p, name] : names)
    if (p == path) return name;
  return path.starts_with("global.") ? path.substr(7) : path;
}

void print_comparison_table(std::FILE* out, const Comparison& c) {
  const std::vector<std::string> columns = present_headlines(c);

  std::string first_header;
  for (std::size_t k = 0; k < c.axes.size(); ++k) first_header += (k ? " / " : "") + c.axes[k].path;
  std::vector<std::vector<std::string>> rows;
  rows.push_back({first_header});
  for (const auto& path : columns) {
    const std::string unit = kind_of(path) == Kind::kPlain ? plain_unit(path) : "";
    rows.back().push_back(metric_title(path) + (unit.empty() ? "" : " (" + unit + ")"));
  }
  bool any_marked = false;
  for (const auto& v : c.variants) {
    std::vector<std::string> row{v.label};
    for (const auto& path : columns) {
      const MetricSummary* m = v.find(path);
      if (!m) {
        row.push_back("-");
        continue;
      }
      // '*': the paired 95 % interval of the difference from the first variant excludes zero.
      const auto& d = m->difference;
      const bool differs = d && d->has_interval() && (d->low() > 0.0 || d->high() < 0.0);
      any_marked = any_marked || differs;
      row.push_back(format_estimate(path, m->value) + (differs ? "*" : " "));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "  " : "") + pad(row[i], widths[i], i == 0);
    fmt::print(out, "{}\n", line);
  }
  fmt::print(out,
             "\nmean ± half-width of the 95 % confidence interval over {} replication{} (Student t), common random "
             "numbers across variants.\n",
             c.replications, c.replications == 1 ? "" : "s");
  if (any_marked && !c.variants.empty())
    fmt::print(out, "* differs from '{}': the paired 95 % interval of the difference excludes 0.\n",
               c.variants.front().label);
}

}  // namespace meridian::compare
