#include "compare/ci_bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "report/charts.hpp"
#include "report/svg.hpp"

namespace meridian::compare {

std::string ci_bar_chart(const CiBarChart& chart) {
  using namespace report;
  constexpr double kRow = 26, kTop = 8, kBottom = 44;
  constexpr const char* kGrid = "#e3e6ea";
  constexpr const char* kAxis = "#5f6670";
  constexpr const char* kInk = "#24292f";

  double label_w = 40, text_w = 30;
  for (const auto& b : chart.bars) {
    label_w = std::max(label_w, text_width(b.label) + 12);
    text_w = std::max(text_w, text_width(b.text, 11) + 12);
  }
  label_w = std::min(label_w, chart.width * 0.32);
  // Room on the right for the value written after the longest bar or whisker.
  text_w = std::min(text_w, chart.width * 0.3);
  const double height = kTop + static_cast<double>(std::max<std::size_t>(1, chart.bars.size())) * kRow + kBottom;
  Svg svg(chart.width, height, chart.title);
  const double x0 = label_w + 8, x1 = chart.width - text_w, y0 = kTop, y1 = height - kBottom;

  double lo = 0.0, hi = 0.0;
  for (const auto& b : chart.bars) {
    lo = std::min(lo, b.mean);
    hi = std::max({hi, b.mean, b.has_interval ? b.high : b.mean});
  }
  if (chart.max) hi = std::min(hi, *chart.max);
  if (!(hi > lo)) hi = lo + 1.0;
  const Ticks t = nice_ticks(lo, hi, 5);
  // The axis ends at the last tick, unless that would pass the largest possible value.
  const double axis_hi = chart.max ? std::min(t.hi, *chart.max) : t.hi;
  const LinearScale sx{t.lo, axis_hi, x0, x1};
  const auto x = [&](double v) { return std::clamp(sx(v), x0, x1); };

  for (const double v : t.values) {
    if (v > axis_hi + 1e-9) continue;
    const double px = x(v);
    svg.line(px, y0, px, y1, {{"stroke", kGrid}});
    svg.line(px, y1, px, y1 + 4, {{"stroke", kAxis}});
    svg.text(px, y1 + 17, chart.short_ticks ? short_number(v) : tick_label(v, t.decimals),
             {{"text-anchor", "middle"}, {"class", "tick"}});
  }
  svg.line(x0, y1, x1, y1, {{"stroke", kAxis}});
  svg.line(x(0.0), y0, x(0.0), y1, {{"stroke", kAxis}});
  svg.text((x0 + x1) / 2.0, y1 + 36, chart.axis_label, {{"text-anchor", "middle"}, {"class", "axis-label"}});

  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const CiBar& b = chart.bars[i];
    const double top = kTop + static_cast<double>(i) * kRow, mid = top + kRow / 2;
    svg.text(x0 - 8, mid + 4, b.label, {{"text-anchor", "end"}, {"class", "category"}});
    svg.open("g").title(b.label + ": " + b.text);
    const double a = x(std::min(0.0, b.mean)), e = x(std::max(0.0, b.mean));
    svg.rect(a, top + 5, std::max(e - a, b.mean != 0.0 ? 1.0 : 0.0), kRow - 10, {{"fill", b.color}});
    double end = e;
    if (b.has_interval) {
      // The whisker: the 95 % interval of the mean, with caps, in ink so it reads on any bar colour.
      const double l = x(b.low), h = x(b.high);
      svg.line(l, mid, h, mid, {{"stroke", kInk}, {"stroke-width", "1.5"}});
      if (sx(b.low) >= x0) svg.line(l, mid - 6, l, mid + 6, {{"stroke", kInk}, {"stroke-width", "1.5"}});
      if (sx(b.high) <= x1) svg.line(h, mid - 6, h, mid + 6, {{"stroke", kInk}, {"stroke-width", "1.5"}});
      end = std::max(end, h);
    }
    svg.close("g");
    svg.text(end + 5, mid + 4, b.text, {{"class", "value"}});
  }
  return svg.str();
}

}  // namespace meridian::compare
