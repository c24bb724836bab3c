#include "report/svg.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace meridian::report {

namespace {

// Removes float noise (0.30000000000000004 -> 0.3) from computed tick positions.
double clean(double v) {
  const double c = std::stod(fmt::format("{:.12g}", v));
  return c == 0.0 ? 0.0 : c;
}

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string coord(double value) {
  if (!std::isfinite(value)) return "0";
  std::string s = trim_zeros(fmt::format("{:.2f}", value));
  return s == "-0" ? "0" : s;
}

std::string group_thousands(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  std::string s = fmt::format("{:.{}f}", std::abs(value), std::max(0, decimals));
  const std::size_t point = std::min(s.find('.'), s.size());
  std::string grouped;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) grouped += ',';
    grouped += s[i];
  }
  grouped += s.substr(point);
  const bool zero = grouped.find_first_not_of("0.,") == std::string::npos;
  return (value < 0 && !zero ? "-" : "") + grouped;
}

std::string short_number(double value) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0.0) return "0";
  static constexpr const char* kSuffix[] = {"", "k", "M", "G", "T"};
  double a = std::abs(value);
  int k = 0;
  while (std::round(a) >= 1e3 && k < 4) {
    a /= 1e3;
    ++k;
  }
  std::string s;
  if (a >= 100)
    s = fmt::format("{:.0f}", a);
  else if (a >= 10)
    s = trim_zeros(fmt::format("{:.1f}", a));
  else if (a >= 1)
    s = trim_zeros(fmt::format("{:.2f}", a));
  else
    s = fmt::format("{:.3g}", a);
  return (value < 0 ? "-" : "") + s + kSuffix[k];
}

double nice_number(double x, bool round) {
  if (!(x > 0.0) || !std::isfinite(x)) return 1.0;
  const double exponent = std::floor(std::log10(x));
  const double power = std::pow(10.0, exponent);
  const double f = x / power;
  double nice;
  if (round)
    nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return clean(nice * power);
}

namespace {

Ticks grid(double lo, double hi, double step, bool outward) {
  Ticks t;
  t.step = step;
  const double first = outward ? std::floor(lo / step + 1e-9) : std::ceil(lo / step - 1e-9);
  const double last = outward ? std::ceil(hi / step - 1e-9) : std::floor(hi / step + 1e-9);
  for (double i = first; i <= last + 0.5; i += 1.0) t.values.push_back(clean(i * step));
  t.lo = t.values.empty() ? lo : t.values.front();
  t.hi = t.values.empty() ? hi : t.values.back();
  t.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  return t;
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0.0, hi = 1.0;
  if (!(hi > lo)) hi = lo + (lo == 0.0 ? 1.0 : std::abs(lo) * 0.1);
  const double range = nice_number(hi - lo, false);
  const double step = nice_number(range / std::max(1, target), true);
  return grid(lo, hi, step, true);
}

Ticks hour_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) return nice_ticks(lo, hi, target);
  static constexpr double kSteps[] = {0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 168, 336, 672, 1344, 2688, 8760};
  if ((hi - lo) / kSteps[0] < 2.0) {
    Ticks t = nice_ticks(lo, hi, target);
    return grid(lo, hi, t.step, false);
  }
  double step = kSteps[std::size(kSteps) - 1];
  for (const double s : kSteps) {
    if ((hi - lo) / s <= target) {
      step = s;
      break;
    }
  }
  Ticks t = grid(lo, hi, step, false);
  t.decimals = step < 1 ? 2 : 0;
  return t;
}

std::vector<double> log_ticks(double lo, double hi) {
  lo = std::max(lo, 1e-12);
  hi = std::max(hi, lo);
  const int e0 = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  int e1 = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  if (e1 <= e0) e1 = e0 + 1;
  std::vector<double> ticks;
  for (int e = e0; e <= e1; ++e) {
    ticks.push_back(clean(std::pow(10.0, e)));
    if (e1 - e0 < 3 && e < e1) {
      ticks.push_back(clean(2 * std::pow(10.0, e)));
      ticks.push_back(clean(5 * std::pow(10.0, e)));
    }
  }
  return ticks;
}

std::vector<double> log_duration_ticks(double lo, double hi) {
  static constexpr double kMarks[] = {1e-6, 1e-5, 1e-4, 1e-3,  1e-2,  0.1,    1,       10,
                                      60,   600,  3600, 21600, 86400, 604800, 2592000, 31536000};
  constexpr std::size_t kCount = std::size(kMarks);
  lo = std::max(lo, kMarks[0]);
  hi = std::min(std::max(hi, lo), kMarks[kCount - 1]);
  std::size_t first = 0, last = kCount - 1;
  while (first + 1 < kCount && kMarks[first + 1] <= lo * (1 + 1e-9)) ++first;
  while (last > 0 && kMarks[last - 1] >= hi * (1 - 1e-9)) --last;
  if (last <= first) last = std::min(first + 1, kCount - 1), first = last - 1;
  std::vector<double> ticks(kMarks + first, kMarks + last + 1);
  if (ticks.size() < 4) {
    std::vector<double> extra;
    for (std::size_t i = 0; i + 1 < ticks.size() && ticks[i] < 60; ++i)
      for (const double f : {2.0, 5.0})
        if (ticks[i] * f < ticks[i + 1] * (1 - 1e-9)) extra.push_back(clean(ticks[i] * f));
    ticks.insert(ticks.end(), extra.begin(), extra.end());
    std::sort(ticks.begin(), ticks.end());
  }
  return ticks;
}

std::string duration_tick_label(double seconds) {
  struct Unit {
    double seconds;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{31536000, "y"}, {604800, "w"}, {86400, "d"}, {3600, "h"},
                                    {60, "min"},     {1, "s"},      {1e-3, "ms"}, {1e-6, "µs"}};
  for (const Unit& u : kUnits) {
    if (seconds >= u.seconds * (1 - 1e-9)) {
      const double v = clean(seconds / u.seconds);
      // A value that is not a whole number of this unit reads better in the next smaller one (90 s, not 1.5 min).
      if (u.seconds >= 1 && std::abs(v - std::round(v)) > 1e-9 && &u != &kUnits[5]) continue;
      return fmt::format("{} {}", v, u.name);
    }
  }
  return fmt::format("{} s", clean(seconds));
}

std::string tick_label(double value, int decimals) {
  if (decimals >= 0) return group_thousands(value, decimals);
  if (std::abs(value) >= 1.0) return group_thousands(value, 0);
  return fmt::format("{}", clean(value));
}

double LogScale::operator()(double v) const {
  if (!(v > 0.0) || !(d0 > 0.0) || !(d1 > d0)) return r0;
  return r0 + (std::log10(v) - std::log10(d0)) * (r1 - r0) / (std::log10(d1) - std::log10(d0));
}

Svg::Svg(double width, double height, std::string_view label) : width_(width), height_(height), label_(label) {}

void Svg::attributes(Attrs attrs) {
  for (const auto& [name, value] : attrs) {
    body_ += ' ';
    body_ += name;
    body_ += "=\"";
    body_ += escape_xml(value);
    body_ += '"';
  }
}

Svg& Svg::leaf(std::string_view tag, Attrs attrs) {
  body_ += '<';
  body_ += tag;
  attributes(attrs);
  body_ += "/>\n";
  return *this;
}

Svg& Svg::open(std::string_view tag, Attrs attrs) {
  body_ += '<';
  body_ += tag;
  attributes(attrs);
  body_ += ">";
  return *this;
}

Svg& Svg::close(std::string_view tag) {
  body_ += "</";
  body_ += tag;
  body_ += ">\n";
  return *this;
}

Svg& Svg::text(double x, double y, std::string_view content, Attrs attrs) {
  body_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + '"';
  attributes(attrs);
  body_ += '>' + escape_xml(content) + "</text>\n";
  return *this;
}

Svg& Svg::title(std::string_view content) {
  body_ += "<title>" + escape_xml(content) + "</title>";
  return *this;
}

Svg& Svg::rect(double x, double y, double w, double h, Attrs attrs) {
  body_ += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(std::max(0.0, w)) + "\" height=\"" +
           coord(std::max(0.0, h)) + '"';
  attributes(attrs);
  body_ += "/>\n";
  return *this;
}

Svg& Svg::line(double x1, double y1, double x2, double y2, Attrs attrs) {
  body_ += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) + '"';
  attributes(attrs);
  body_ += "/>\n";
  return *this;
}

Svg& Svg::circle(double cx, double cy, double r, Attrs attrs) {
  body_ += "<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"" + coord(r) + '"';
  attributes(attrs);
  body_ += "/>\n";
  return *this;
}

Svg& Svg::polyline(const std::vector<std::pair<double, double>>& points, Attrs attrs) {
  body_ += "<polyline points=\"";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) body_ += ' ';
    body_ += coord(points[i].first) + ',' + coord(points[i].second);
  }
  body_ += '"';
  attributes(attrs);
  body_ += "/>\n";
  return *this;
}

std::string Svg::str() const {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + coord(width_) + ' ' +
         coord(height_) + "\" role=\"img\" aria-label=\"" + escape_xml(label_) + "\">\n" + body_ + "</svg>\n";
}

}  // namespace meridian::report
