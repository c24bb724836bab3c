#pragma once
// The report's charts as self-contained <svg> strings: line charts (also used for CDFs on a log
// axis), horizontal bar charts and a timeline. Drawn with report::Svg; no scripts.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace meridian::report {

using Points = std::vector<std::pair<double, double>>;

/// How the i-th series is drawn: the Okabe-Ito colours (safe for colour-blind readers), ordered
/// for contrast on white; after eight series the colours repeat with a dash pattern.
struct SeriesStyle {
  std::string color;
  std::string dash;  // stroke-dasharray, empty for a solid line
};
SeriesStyle series_style(std::size_t i);

/// The eight Okabe-Ito colours in series order.
const std::vector<std::string>& okabe_ito();

struct LineSeries {
  std::string name;
  Points points;
  SeriesStyle style;
};

/// A shaded span of x (warm-up, an outage), drawn behind the data.
struct Band {
  double x0 = 0.0, x1 = 0.0;
  std::string label;
  std::string color = "#999999";
  bool show_label = true;  // else only a tooltip; a band with x0 == x1 is a dashed marker line
};

struct LineChart {
  std::string title;  // the accessible name of the chart
  std::string x_label, y_label;
  double width = 640.0, height = 300.0;  // plot area plus axes; a legend adds rows below
  bool log_x = false;                    // log-scale x (values <= 0 sit on the left edge)
  bool duration_x = false;               // with log_x: x is seconds, ticked and labelled as durations
  bool hours_x = false;                  // x is time in hours: ticks on 1/2/3/6/12/24 h steps
  bool y_percent = false;                // y values are fractions, labelled as percentages
  bool legend = true;
  std::optional<double> x_min, x_max, y_min, y_max;  // fixed domain ends; else from the data
  std::vector<LineSeries> series;
  std::vector<Band> bands;
};
std::string line_chart(const LineChart& chart);

struct Bar {
  std::string label;
  std::optional<double> value;  // empty: drawn as `missing_text`
  std::string text;             // the value as shown at the end of the bar
  std::string color = "#0072B2";
};

struct BarChart {
  std::string title;
  std::string value_label;  // x-axis label with unit
  double width = 640.0;
  bool percent = false;  // values are fractions in [0, 1]
  std::string missing_text = "n/a";
  std::vector<Bar> bars;
};
std::string bar_chart(const BarChart& chart);

struct TimelineRow {
  std::string label;
  std::vector<std::pair<double, double>> spans;  // [start, end) in the chart's time unit
  std::vector<std::string> span_notes;           // tooltip per span
};

struct Timeline {
  std::string title;
  std::string x_label;
  double x_max = 1.0;   // in the chart's time unit; the axis runs from 0
  bool hours_x = true;  // ticks on 1/2/3/6/12/24 h steps; else 1-2-5 steps
  double width = 1280.0;
  std::vector<TimelineRow> rows;
  std::vector<Band> bands;
};
std::string timeline_chart(const Timeline& chart);

/// Rough width in user units of `text` at `font_size`, for layout (labels, legends).
double text_width(std::string_view text, double font_size = 12.0);

}  // namespace meridian::report
