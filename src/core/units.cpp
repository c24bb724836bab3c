// Strict parsing of quantities written with their units (SPEC section 2).
//
// Grammar, the same for every kind: an optional `$` (prices only), a decimal number written
// with digits and at most one point (`30`, `2.5`, `.5`; no sign, no exponent), then the unit
// with NO space in between. Units are case-sensitive (`Mb` is not `MB`). One spelling per
// quantity keeps `--set` values, the JSON Schema patterns and the messages simple; a space is
// rejected with a message that shows the accepted spelling rather than silently allowed.
//
// Compound units (`200MB/s`, `800/s`, `3.90/h`, `0.02/GB`) are a numerator unit (possibly
// empty) over a denominator unit; the value is number * numerator / denominator.

#include "meridian/core/units.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <vector>

#include "meridian/core/error.hpp"

namespace meridian {
namespace {

struct Unit {
  std::string_view name;
  long double factor;  ///< in the kind's base unit (ns, bytes, bits/s, W, per second, ...)
};

constexpr Unit kDurationUnits[] = {{"ns", 1},    {"us", 1e3L},   {"ms", 1e6L},    {"s", 1e9L},
                                   {"m", 60e9L}, {"h", 3600e9L}, {"d", 86400e9L}, {"w", 604800e9L}};
constexpr Unit kSizeUnits[] = {{"B", 1},
                               {"KB", 1e3L},
                               {"MB", 1e6L},
                               {"GB", 1e9L},
                               {"TB", 1e12L},
                               {"PB", 1e15L},
                               {"KiB", 1024.0L},
                               {"MiB", 1024.0L * 1024},
                               {"GiB", 1024.0L * 1024 * 1024},
                               {"TiB", 1024.0L * 1024 * 1024 * 1024},
                               {"PiB", 1024.0L * 1024 * 1024 * 1024 * 1024}};
constexpr Unit kBandwidthUnits[] = {{"bps", 1}, {"Kbps", 1e3L}, {"Mbps", 1e6L}, {"Gbps", 1e9L}, {"Tbps", 1e12L}};
constexpr Unit kPowerUnits[] = {{"W", 1}, {"kW", 1e3L}, {"MW", 1e6L}};
// Per-time denominators, in seconds.
constexpr Unit kPerTime[] = {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};
constexpr Unit kPerTimeWithWeek[] = {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};
constexpr Unit kPlainNumber[] = {{"", 1}};

/// What one kind of quantity looks like: its numerator units, optional denominator units,
/// and the words used in messages.
struct Kind {
  std::string_view description;  ///< "a duration such as 30s"
  std::span<const Unit> numerator;
  std::span<const Unit> denominator;  ///< empty: no `/` part
  bool allow_dollar = false;
  bool allow_zero = true;
};

std::string unit_list(const Kind& kind) {
  std::string out;
  auto add = [&out](std::string_view prefix, std::string_view name) {
    if (!out.empty()) out += ' ';
    out += prefix;
    out += name;
  };
  if (kind.denominator.empty()) {
    for (const auto& u : kind.numerator) add("", u.name);
  } else if (kind.numerator.size() == 1 && kind.numerator[0].name.empty()) {
    for (const auto& d : kind.denominator) add("/", d.name);
  } else {
    // SIZE/TIME: list both halves rather than every combination.
    for (const auto& u : kind.numerator) add("", u.name);
    out += " per";
    for (const auto& d : kind.denominator) add("/", d.name);
  }
  return out;
}

[[noreturn]] void fail(const Kind& kind, std::string_view text, std::string_view problem) {
  throw UnitError(fmt::format("'{}' {}; expected {} (units: {})", text, problem, kind.description, unit_list(kind)));
}

const Unit* find_unit(std::span<const Unit> units, std::string_view name) {
  for (const auto& u : units)
    if (u.name == name) return &u;
  return nullptr;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string suggestion(std::span<const Unit> units, std::string_view name, std::string_view number) {
  // A wrong case (`KW`, `gb`) is the likeliest slip; after that, the nearest spelling.
  for (const auto& u : units)
    if (equal_ignoring_case(u.name, name)) return fmt::format(" (did you mean '{}{}'?)", number, u.name);
  std::vector<std::string> names;
  for (const auto& u : units) names.emplace_back(u.name);
  const std::string best = closest_match(std::string(name), names);
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}{}'?)", number, best);
}

/// Parses `text` as a quantity of `kind`, returning it in the kind's base unit.
long double parse_quantity(std::string_view text, const Kind& kind) {
  const std::string_view original = text;
  if (text.empty()) fail(kind, text, "is empty");
  if (kind.allow_dollar && text.front() == '$') text.remove_prefix(1);
  if (!text.empty() && text.front() == '-') fail(kind, original, "is negative");
  // `.nan`, `.inf` (YAML) and `nan`, `inf` (C) all end up here.
  for (std::string_view word : {"nan", "inf", ".nan", ".inf", "NaN", ".NaN", "Inf", ".Inf", "+.inf", "+inf"})
    if (text.substr(0, word.size()) == word) fail(kind, original, "is not a finite number");

  std::size_t end = 0;
  bool seen_digit = false, seen_point = false;
  for (; end < text.size(); ++end) {
    const char c = text[end];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) fail(kind, original, "does not start with a number");
  const std::string_view number = text.substr(0, end);
  std::string_view unit = text.substr(end);

  long double value = 0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(value))
    fail(kind, original, "is not a number that fits");

  if (!unit.empty() && (unit.front() == ' ' || unit.front() == '\t')) {
    const std::size_t first = unit.find_first_not_of(" \t");
    throw UnitError(fmt::format("'{}' has a space between the number and its unit; write '{}{}'", original, number,
                                first == std::string_view::npos ? "" : unit.substr(first)));
  }

  std::string_view top = unit, bottom;
  if (!kind.denominator.empty()) {
    const std::size_t slash = unit.find('/');
    if (slash == std::string_view::npos) {
      if (unit.empty()) fail(kind, original, "has no unit");
      fail(kind, original, "has no '/' part");
    }
    top = unit.substr(0, slash);
    bottom = unit.substr(slash + 1);
  } else if (unit.empty()) {
    fail(kind, original, "has no unit");
  }

  const Unit* numerator = find_unit(kind.numerator, top);
  if (numerator == nullptr) {
    throw UnitError(fmt::format("unknown unit '{}' in '{}'{}; expected {} (units: {})", top, original,
                                suggestion(kind.numerator, top, number), kind.description, unit_list(kind)));
  }
  long double factor = numerator->factor;
  if (!kind.denominator.empty()) {
    const Unit* denominator = find_unit(kind.denominator, bottom);
    if (denominator == nullptr) {
      throw UnitError(fmt::format("unknown unit '/{}' in '{}'; expected {} (units: {})", bottom, original,
                                  kind.description, unit_list(kind)));
    }
    factor /= denominator->factor;
  }
  const long double result = value * factor;
  if (!std::isfinite(result)) fail(kind, original, "is too large");
  if (!kind.allow_zero && result == 0) fail(kind, original, "is zero");
  return result;
}

constexpr Kind kDuration{"a duration such as 30s", kDurationUnits, {}};
constexpr Kind kSize{"a size such as 2MB or 4GiB", kSizeUnits, {}};
constexpr Kind kBandwidth{"a bandwidth such as 10Gbps", kBandwidthUnits, {}, false, false};
constexpr Kind kDataRate{"a data rate such as 200MB/s", kSizeUnits, kPerTime};
constexpr Kind kRate{"a rate such as 800/s", kPlainNumber, kPerTimeWithWeek};
constexpr Kind kPower{"a power such as 700W", kPowerUnits, {}};
constexpr Kind kPricePerTime{"a price such as 3.90/h", kPlainNumber, kPerTime, true};
constexpr Kind kPricePerSize{"a price such as 0.02/GB", kPlainNumber, kSizeUnits, true};

}  // namespace

SimDuration parse_duration(std::string_view text) {
  const long double ns = std::round(parse_quantity(text, kDuration));
  // 9.2e18 ns is about 292 years: the whole range of SimDuration.
  if (ns >= 9.2e18L) fail(kDuration, text, "is longer than a simulation can span (about 292 years)");
  return SimDuration{static_cast<std::int64_t>(ns)};
}

double parse_size_bytes(std::string_view text) { return static_cast<double>(parse_quantity(text, kSize)); }

double parse_bandwidth_bps(std::string_view text) { return static_cast<double>(parse_quantity(text, kBandwidth)); }

double parse_data_rate_bytes_per_s(std::string_view text) {
  return static_cast<double>(parse_quantity(text, kDataRate));
}

double parse_rate_per_s(std::string_view text) { return static_cast<double>(parse_quantity(text, kRate)); }

double parse_power_watts(std::string_view text) { return static_cast<double>(parse_quantity(text, kPower)); }

double parse_price_per_hour(std::string_view text) {
  return static_cast<double>(parse_quantity(text, kPricePerTime) * 3600);
}

double parse_price_per_byte(std::string_view text) { return static_cast<double>(parse_quantity(text, kPricePerSize)); }

}  // namespace meridian
