#pragma once
// A horizontal bar chart with confidence-interval whiskers, one bar per variant, for
// compare.html. Drawn with report::Svg like the run report's charts.

#include <optional>
#include <string>
#include <vector>

namespace meridian::compare {

struct CiBar {
  std::string label;
  double mean = 0.0;  ///< in the axis's unit
  bool has_interval = false;
  double low = 0.0, high = 0.0;  ///< the interval's ends, in the axis's unit
  std::string text;              ///< the value as written next to the bar
  std::string color;
};

struct CiBarChart {
  std::string title;       ///< the accessible name of the chart
  std::string axis_label;  ///< the value axis, with its unit
  double width = 520.0;
  bool short_ticks = false;   ///< tick labels as 4.32k / 1.2M (counts, money); else plain decimals
  std::optional<double> max;  ///< the largest possible value (100 for a share in %), if any
  std::vector<CiBar> bars;
};

/// The chart as an <svg> element. The axis spans zero (bars encode length) to the largest
/// whisker end, but never below zero unless a mean is negative, nor past `max`: with few
/// replications the interval of a mean of non-negative values can reach below zero, and
/// stretching the axis for it would shrink every bar. A whisker cut at the axis end is drawn
/// without its cap there, so it reads as continuing.
std::string ci_bar_chart(const CiBarChart& chart);

}  // namespace meridian::compare
