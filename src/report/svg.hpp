#pragma once
// A small SVG builder for report.html: escaping, deterministic number text, "nice" axis ticks and
// scales. Everything that reaches the page goes through escape_xml(), so a region called
// "<eu>" cannot break the markup.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meridian::report {

/// `text` with & < > " ' replaced by entities; safe in element content and quoted attributes.
std::string escape_xml(std::string_view text);

/// A coordinate as text: at most two decimals, trailing zeros and "-0" removed ("12.5", "3").
std::string coord(double value);

/// `value` with `decimals` fixed decimals and thousands separators ("12,345.7").
std::string group_thousands(double value, int decimals);

/// A value with about three significant digits and a k/M/G/T suffix from 1,000 ("4.32M", "1.41k", "987", "0.0123").
std::string short_number(double value);

/// Axis ticks: the smallest round grid covering [lo, hi] with about `target` intervals.
struct Ticks {
  double lo = 0.0;    // first tick (<= the data's low end)
  double hi = 1.0;    // last tick (>= the data's high end)
  double step = 1.0;  // distance between ticks
  std::vector<double> values;
  int decimals = 0;  // decimals that label every tick exactly
};

/// Heckbert's "nice numbers": the round number (1, 2, 5 times a power of ten) nearest `x`
/// (`round`) or the smallest one not below it.
double nice_number(double x, bool round);

/// Ticks on 1-2-5 steps covering [lo, hi]; an empty or inverted range is widened around lo.
Ticks nice_ticks(double lo, double hi, int target = 5);

/// Ticks for a span in hours, on steps that read as time (1, 2, 3, 6, 12, 24, 48 h, then weeks).
Ticks hour_ticks(double lo, double hi, int target = 8);

/// Ticks for a log-scale axis: each power of ten in [lo, hi], with 2 and 5 added when the range
/// covers fewer than three decades. lo and hi must be positive.
std::vector<double> log_ticks(double lo, double hi);

/// Ticks for a log-scale axis of durations in seconds, at values that read as time: powers of
/// ten up to 10 s, then 1 min, 10 min, 1 h, 6 h, 1 d, 1 w, 30 d, 1 y. The first tick is at or
/// below lo and the last at or above hi (they are the axis ends); when fewer than four ticks
/// fall in that span, 2x and 5x of the powers of ten are added.
std::vector<double> log_duration_ticks(double lo, double hi);

/// A duration tick as text in the largest unit that divides it: "100 ms", "1 s", "10 min", "6 h".
std::string duration_tick_label(double seconds);

/// Text for a tick value: `decimals` fixed decimals, or the shortest exact form when negative.
std::string tick_label(double value, int decimals = -1);

/// Maps [d0, d1] linearly onto [r0, r1] (r1 < r0 for a y axis that grows upwards).
struct LinearScale {
  double d0, d1, r0, r1;
  double operator()(double v) const { return d1 == d0 ? r0 : r0 + (v - d0) * (r1 - r0) / (d1 - d0); }
};

/// Maps [d0, d1] (both > 0) logarithmically onto [r0, r1]; values at or below zero go to r0.
struct LogScale {
  double d0, d1, r0, r1;
  double operator()(double v) const;
};

/// One attribute of an element; the builder escapes the value.
using Attr = std::pair<std::string_view, std::string>;
using Attrs = std::initializer_list<Attr>;

/// Accumulates an <svg> element. Sizes are in user units; the element scales to its container.
class Svg {
 public:
  Svg(double width, double height, std::string_view label);

  /// A self-closing element: <tag a="v" .../>.
  Svg& leaf(std::string_view tag, Attrs attrs);
  /// An opening tag; close() ends it.
  Svg& open(std::string_view tag, Attrs attrs = {});
  Svg& close(std::string_view tag);
  /// <text> with escaped content.
  Svg& text(double x, double y, std::string_view content, Attrs attrs = {});
  /// <title> (a tooltip for the enclosing element) with escaped content.
  Svg& title(std::string_view content);

  Svg& rect(double x, double y, double w, double h, Attrs attrs = {});
  Svg& line(double x1, double y1, double x2, double y2, Attrs attrs = {});
  Svg& circle(double cx, double cy, double r, Attrs attrs = {});
  Svg& polyline(const std::vector<std::pair<double, double>>& points, Attrs attrs = {});

  double width() const { return width_; }
  double height() const { return height_; }
  /// The finished element.
  std::string str() const;

 private:
  void attributes(Attrs attrs);
  double width_, height_;
  std::string label_;
  std::string body_;
};

}  // namespace meridian::report
