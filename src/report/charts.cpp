#include "report/charts.hpp"

#include <algorithm>
#include <cmath>

#include "report/svg.hpp"

namespace meridian::report {

namespace {

constexpr const char* kGrid = "#e3e6ea";
constexpr const char* kAxis = "#5f6670";
constexpr const char* kInk = "#24292f";

struct Frame {
  double x0, x1, y0, y1;  // plot area: left, right, top, bottom
};

void y_axis_label(Svg& svg, const Frame& f, const std::string& label) {
  const double x = 14.0, y = (f.y0 + f.y1) / 2.0;
  svg.text(x, y, label,
           {{"transform", "rotate(-90 " + coord(x) + " " + coord(y) + ")"},
            {"text-anchor", "middle"},
            {"class", "axis-label"}});
}

void x_axis_label(Svg& svg, const Frame& f, const std::string& label) {
  svg.text((f.x0 + f.x1) / 2.0, f.y1 + 36.0, label, {{"text-anchor", "middle"}, {"class", "axis-label"}});
}

void vertical_grid(Svg& svg, const Frame& f, double x, const std::string& label, double svg_width) {
  svg.line(x, f.y0, x, f.y1, {{"stroke", kGrid}});
  svg.line(x, f.y1, x, f.y1 + 4, {{"stroke", kAxis}});
  // A label that would run off the right edge ends at its tick instead of centring on it.
  const bool fits = x + text_width(label, 11) / 2 < svg_width - 2;
  svg.text(x, f.y1 + 17, label, {{"text-anchor", fits ? "middle" : "end"}, {"class", "tick"}});
}

void band(Svg& svg, const Frame& f, double bx0, double bx1, const Band& b) {
  if (b.x0 == b.x1) {
    svg.open("g").title(b.label);
    svg.line(bx0, f.y0, bx0, f.y1, {{"stroke", b.color}, {"stroke-width", "1.2"}, {"stroke-dasharray", "5 3"}});
    svg.close("g");
    if (b.show_label && bx0 + text_width(b.label, 10) + 4 < f.x1)
      svg.text(bx0 + 3, f.y0 + 11, b.label, {{"class", "band-label"}, {"fill", b.color}});
    return;
  }
  const double left = std::clamp(std::min(bx0, bx1), f.x0, f.x1), right = std::clamp(std::max(bx0, bx1), f.x0, f.x1);
  if (right - left <= 0.0) return;
  svg.open("g").title(b.label);
  svg.rect(left, f.y0, right - left, f.y1 - f.y0, {{"fill", b.color}, {"fill-opacity", "0.14"}});
  svg.close("g");
  if (b.show_label && right - left > text_width(b.label, 10) + 6)
    svg.text(left + 3, f.y0 + 11, b.label, {{"class", "band-label"}, {"fill", b.color}});
}

}  // namespace

const std::vector<std::string>& okabe_ito() {
  static const std::vector<std::string> colours = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                   "#CC79A7", "#56B4E9", "#000000", "#F0E442"};
  return colours;
}

SeriesStyle series_style(std::size_t i) {
  static constexpr const char* kDash[] = {"", "7 3", "2 2"};
  const auto& c = okabe_ito();
  return {c[i % c.size()], kDash[(i / c.size()) % 3]};
}

double text_width(std::string_view text, double font_size) {
  return static_cast<double>(text.size()) * font_size * 0.58;
}

std::string line_chart(const LineChart& chart) {
  constexpr double kLeft = 62, kRight = 18, kTop = 14, kBottom = 46, kLegendRow = 18;
  double entry_w = 90;
  for (const auto& s : chart.series) entry_w = std::max(entry_w, text_width(s.name) + 34);
  const double plot_w = chart.width - kLeft - kRight;
  const std::size_t cols = std::max<std::size_t>(1, static_cast<std::size_t>(plot_w / entry_w));
  const std::size_t legend_rows = chart.legend ? (chart.series.size() + cols - 1) / cols : 0;
  const double legend_h = legend_rows ? static_cast<double>(legend_rows) * kLegendRow + 6 : 0.0;
  Svg svg(chart.width, chart.height + legend_h, chart.title);
  const Frame f{kLeft, chart.width - kRight, kTop, chart.height - kBottom};

  // The data's extent.
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY, xpos = INFINITY;
  for (const auto& s : chart.series)
    for (const auto& [x, y] : s.points) {
      xlo = std::min(xlo, x), xhi = std::max(xhi, x), ylo = std::min(ylo, y), yhi = std::max(yhi, y);
      if (x > 0) xpos = std::min(xpos, x);
    }
  if (!std::isfinite(xlo)) xlo = 0, xhi = 1, ylo = 0, yhi = 1, xpos = 1;

  // x axis: domain, ticks and their labels.
  std::vector<double> xticks;
  int xdec = -1;
  double dx0, dx1;
  if (chart.log_x) {
    const double lo = chart.x_min.value_or(std::isfinite(xpos) ? xpos : 1.0);
    const double hi = chart.x_max.value_or(std::max(xhi, 1e-9));
    xticks = chart.duration_x ? log_duration_ticks(lo, hi) : log_ticks(lo, hi);
    dx0 = xticks.front(), dx1 = xticks.back();
  } else {
    dx0 = chart.x_min.value_or(xlo), dx1 = chart.x_max.value_or(xhi);
    const Ticks t = chart.hours_x ? hour_ticks(dx0, dx1) : nice_ticks(dx0, dx1, 6);
    if (!chart.hours_x && !chart.x_min) dx0 = t.lo;
    if (!chart.hours_x && !chart.x_max) dx1 = t.hi;
    if (!(dx1 > dx0)) dx1 = dx0 + 1.0;
    xticks = t.values;
    xdec = t.decimals;
  }
  const LogScale xlog{dx0, dx1, f.x0, f.x1};
  const LinearScale xlin{dx0, dx1, f.x0, f.x1};
  const auto sx = [&](double x) { return std::clamp(chart.log_x ? xlog(x) : xlin(x), f.x0, f.x1); };

  // y axis.
  const double want_lo = chart.y_min.value_or(ylo), want_hi = chart.y_max.value_or(yhi);
  const Ticks yt = nice_ticks(want_lo, want_hi, 5);
  const double dy0 = chart.y_min.value_or(yt.lo);
  const double dy1 = chart.y_max && *chart.y_max > dy0 ? *chart.y_max : std::max(yt.hi, dy0 + 1e-9);
  const LinearScale sy_raw{dy0, dy1, f.y1, f.y0};
  const auto sy = [&](double y) { return std::clamp(sy_raw(y), f.y0, f.y1); };

  svg.rect(f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0, {{"fill", "#ffffff"}, {"stroke", kGrid}});
  for (const Band& b : chart.bands) band(svg, f, sx(b.x0), sx(b.x1), b);
  for (const double v : yt.values) {
    if (v < dy0 - 1e-9 || v > dy1 + 1e-9) continue;
    const double y = sy(v);
    svg.line(f.x0, y, f.x1, y, {{"stroke", kGrid}});
    const std::string label =
        chart.y_percent ? tick_label(v * 100.0, std::max(0, yt.decimals - 2)) + "%" : tick_label(v, yt.decimals);
    svg.text(f.x0 - 6, y + 4, label, {{"text-anchor", "end"}, {"class", "tick"}});
  }
  for (const double v : xticks) {
    if (v < dx0 - 1e-9 || v > dx1 + 1e-9) continue;
    vertical_grid(svg, f, sx(v), chart.duration_x ? duration_tick_label(v) : tick_label(v, xdec), chart.width);
  }
  svg.line(f.x0, f.y1, f.x1, f.y1, {{"stroke", kAxis}});
  svg.line(f.x0, f.y0, f.x0, f.y1, {{"stroke", kAxis}});
  x_axis_label(svg, f, chart.x_label);
  y_axis_label(svg, f, chart.y_label);

  for (const auto& s : chart.series) {
    Points px;
    px.reserve(s.points.size());
    for (const auto& [x, y] : s.points) px.emplace_back(sx(x), sy(y));
    svg.open("g").title(s.name);
    if (px.size() == 1) {
      svg.circle(px[0].first, px[0].second, 2.5, {{"fill", s.style.color}});
    } else {
      svg.polyline(px, {{"fill", "none"},
                        {"stroke", s.style.color},
                        {"stroke-width", "1.6"},
                        {"stroke-dasharray", s.style.dash.empty() ? "none" : s.style.dash},
                        {"stroke-linejoin", "round"}});
    }
    svg.close("g");
  }

  for (std::size_t i = 0; chart.legend && i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    const double x = f.x0 + static_cast<double>(i % cols) * entry_w;
    const double y = chart.height + static_cast<double>(i / cols) * kLegendRow + 2;
    svg.line(x, y, x + 22, y,
             {{"stroke", s.style.color},
              {"stroke-width", "2.5"},
              {"stroke-dasharray", s.style.dash.empty() ? "none" : s.style.dash}});
    svg.text(x + 28, y + 4, s.name, {{"class", "legend"}});
  }
  return svg.str();
}

std::string bar_chart(const BarChart& chart) {
  constexpr double kRow = 24, kTop = 10, kBottom = 44, kRight = 78;
  double label_w = 40;
  for (const auto& b : chart.bars) label_w = std::max(label_w, text_width(b.label) + 12);
  label_w = std::min(label_w, chart.width * 0.35);
  const double height = kTop + static_cast<double>(std::max<std::size_t>(1, chart.bars.size())) * kRow + kBottom;
  Svg svg(chart.width, height, chart.title);
  const Frame f{label_w + 8, chart.width - kRight, kTop, height - kBottom};

  double hi = 0;
  for (const auto& b : chart.bars)
    if (b.value) hi = std::max(hi, *b.value);
  const Ticks t = chart.percent ? nice_ticks(0, 1, 5) : nice_ticks(0, hi > 0 ? hi : 1, 5);
  const LinearScale sx{0, t.hi, f.x0, f.x1};
  for (const double v : t.values) {
    const std::string label = chart.percent ? tick_label(v * 100, std::max(0, t.decimals - 2)) + "%" : short_number(v);
    vertical_grid(svg, f, sx(v), label, chart.width);
  }
  svg.line(f.x0, f.y0, f.x0, f.y1, {{"stroke", kAxis}});
  x_axis_label(svg, f, chart.value_label);

  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double y = kTop + static_cast<double>(i) * kRow;
    svg.text(f.x0 - 8, y + kRow / 2 + 4, b.label, {{"text-anchor", "end"}, {"class", "category"}});
    if (!b.value) {
      svg.text(f.x0 + 6, y + kRow / 2 + 4, chart.missing_text, {{"class", "missing"}});
      continue;
    }
    const double w = std::max(sx(std::max(0.0, *b.value)) - f.x0, *b.value > 0 ? 1.0 : 0.0);
    svg.open("g").title(b.label + ": " + b.text);
    svg.rect(f.x0, y + 5, w, kRow - 10, {{"fill", b.color}});
    svg.close("g");
    svg.text(f.x0 + w + 5, y + kRow / 2 + 4, b.text, {{"class", "value"}});
  }
  return svg.str();
}

std::string timeline_chart(const Timeline& chart) {
  constexpr double kRow = 22, kTop = 10, kBottom = 44, kRight = 18;
  double label_w = 40;
  for (const auto& r : chart.rows) label_w = std::max(label_w, text_width(r.label) + 12);
  label_w = std::min(label_w, chart.width * 0.3);
  const double height = kTop + static_cast<double>(std::max<std::size_t>(1, chart.rows.size())) * kRow + kBottom;
  Svg svg(chart.width, height, chart.title);
  const Frame f{label_w + 8, chart.width - kRight, kTop, height - kBottom};
  const double x_max = chart.x_max > 0 ? chart.x_max : 1.0;
  const LinearScale sx{0, x_max, f.x0, f.x1};
  const auto cx = [&](double h) { return std::clamp(sx(h), f.x0, f.x1); };

  const Ticks t = chart.hours_x ? hour_ticks(0, x_max, 12) : nice_ticks(0, x_max, 10);
  for (const double v : t.values)
    if (v <= x_max * (1 + 1e-9)) vertical_grid(svg, f, cx(v), tick_label(v, t.decimals), chart.width);
  svg.line(f.x0, f.y1, f.x1, f.y1, {{"stroke", kAxis}});
  x_axis_label(svg, f, chart.x_label);

  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const TimelineRow& r = chart.rows[i];
    const double y = kTop + static_cast<double>(i) * kRow;
    svg.text(f.x0 - 8, y + kRow / 2 + 4, r.label, {{"text-anchor", "end"}, {"class", "category"}});
    svg.rect(f.x0, y + 6, f.x1 - f.x0, kRow - 12, {{"fill", "#d9eef7"}});
    for (std::size_t k = 0; k < r.spans.size(); ++k) {
      const double a = cx(r.spans[k].first), b = cx(r.spans[k].second);
      svg.open("g").title(k < r.span_notes.size() ? r.span_notes[k] : r.label);
      svg.rect(a, y + 3, std::max(b - a, 2.0), kRow - 6, {{"fill", okabe_ito()[3]}});
      svg.close("g");
    }
  }
  // Translucent, over the rows; their labels would be hidden, so the page's key names them.
  for (Band b : chart.bands) {
    b.show_label = false;
    band(svg, f, cx(b.x0), cx(b.x1), b);
  }
  return svg.str();
}

}  // namespace meridian::report
