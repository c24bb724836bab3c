#pragma once
// Numbers as the report shows them: fixed rules, so the same summary gives the same page.

#include <optional>
#include <string>

namespace meridian::report {

/// "—" for a missing value, otherwise `text`.
inline constexpr const char* kMissing = "—";

/// A duration with a unit picked by size: "850 µs", "12.3 ms", "1.24 s", "4.5 min", "6 h", "2 d".
std::string format_duration(std::optional<double> seconds);
/// "98.1%" for 0.981 (one decimal), "100%" exactly at 1.
std::string format_percent(std::optional<double> fraction);
/// "$1.23M", "$845", "$0.42".
std::string format_usd(std::optional<double> usd);
/// kWh scaled to MWh/GWh: "845 kWh", "52.3 MWh".
std::string format_energy(std::optional<double> kwh);
/// kg CO2e scaled to tonnes: "845 kg", "12.3 t".
std::string format_carbon(std::optional<double> kg);
/// A count with thousands separators: "4,321,000".
std::string format_count(std::optional<double> n);

/// How simulated time is shown on time axes: hours for long runs, minutes or seconds for short ones.
struct TimeUnit {
  double seconds = 3600.0;  // seconds per unit
  const char* name = "h";
  bool hours = true;
};
TimeUnit time_unit_for(double span_s);

}  // namespace meridian::report
