#include "report/display.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/svg.hpp"

namespace meridian::report {

namespace {

// Three significant digits, without trailing zeros: 1.24, 12.3, 123, 1,234.
std::string three_digits(double v) {
  const double a = std::abs(v);
  if (a >= 1000) return group_thousands(v, 0);
  std::string s = fmt::format("{:.{}f}", v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

}  // namespace

std::string format_duration(std::optional<double> seconds) {
  if (!seconds || !std::isfinite(*seconds)) return kMissing;
  const double s = *seconds, a = std::abs(s);
  if (a == 0.0) return "0 s";
  if (a < 1e-3) return three_digits(s * 1e6) + " µs";
  if (a < 1.0) return three_digits(s * 1e3) + " ms";
  if (a < 120.0) return three_digits(s) + " s";
  if (a < 7200.0) return three_digits(s / 60.0) + " min";
  if (a < 172800.0) return three_digits(s / 3600.0) + " h";
  return three_digits(s / 86400.0) + " d";
}

std::string format_percent(std::optional<double> fraction) {
  if (!fraction || !std::isfinite(*fraction)) return kMissing;
  std::string s = fmt::format("{:.1f}", *fraction * 100.0);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s + "%";
}

std::string format_usd(std::optional<double> usd) {
  if (!usd || !std::isfinite(*usd)) return kMissing;
  if (std::abs(*usd) < 10.0) return fmt::format("${:.2f}", *usd);
  return "$" + short_number(*usd);
}

std::string format_energy(std::optional<double> kwh) {
  if (!kwh || !std::isfinite(*kwh)) return kMissing;
  const double a = std::abs(*kwh);
  if (a >= 1e6) return three_digits(*kwh / 1e6) + " GWh";
  if (a >= 1e3) return three_digits(*kwh / 1e3) + " MWh";
  return three_digits(*kwh) + " kWh";
}

std::string format_carbon(std::optional<double> kg) {
  if (!kg || !std::isfinite(*kg)) return kMissing;
  if (std::abs(*kg) >= 1e3) return three_digits(*kg / 1e3) + " t";
  return three_digits(*kg) + " kg";
}

std::string format_count(std::optional<double> n) {
  if (!n || !std::isfinite(*n)) return kMissing;
  return group_thousands(*n, 0);
}

TimeUnit time_unit_for(double span_s) {
  if (span_s >= 3 * 3600.0) return {3600.0, "h", true};
  if (span_s >= 180.0) return {60.0, "min", false};
  return {1.0, "s", false};
}

}  // namespace meridian::report
