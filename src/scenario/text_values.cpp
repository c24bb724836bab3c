#include "scenario/text_values.hpp"

#include <fmt/format.h>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "scenario/scenario_limits.hpp"

namespace meridian::scenario {
namespace {

/// YAML spells infinities and NaN `.inf`/`.nan`, C `inf`/`nan`: none of them is a quantity,
/// and saying so beats "expected a number".
bool is_non_finite_word(std::string_view t) {
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
  if (!t.empty() && t.front() == '.') t.remove_prefix(1);
  std::string lower;
  for (const char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "inf" || lower == "infinity" || lower == "nan";
}

}  // namespace

std::string number_range_text(double min, double max) {
  if (max == std::numeric_limits<double>::infinity()) return fmt::format("a number >= {}", min);
  return fmt::format("a number from {} to {}", min, max);
}

double parse_number(std::string_view t, double min, double max) {
  if (is_non_finite_word(t)) throw std::invalid_argument(fmt::format("'{}' is not a finite number", t));
  double value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(value))
    throw std::invalid_argument(fmt::format("expected {}, found '{}'", number_range_text(min, max), t));
  if (value < 0 && min >= 0)
    throw std::invalid_argument(fmt::format("'{}' is negative; expected {}", t, number_range_text(min, max)));
  if (value < min || value > max)
    throw std::invalid_argument(fmt::format("'{}' is out of range; expected {}", t, number_range_text(min, max)));
  return value;
}

std::int64_t parse_integer(std::string_view t, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range && ptr == t.data() + t.size())
    throw std::invalid_argument(fmt::format("'{}' is more than this machine can hold", t));
  if (ec != std::errc() || ptr != t.data() + t.size()) {
    if (is_non_finite_word(t)) throw std::invalid_argument(fmt::format("'{}' is not a finite number", t));
    throw std::invalid_argument(fmt::format("expected a whole number, found '{}'", t));
  }
  if (value < 0 && min >= 0) throw std::invalid_argument(fmt::format("'{}' is negative", t));
  if (value < min || value > max)
    throw std::invalid_argument(
        fmt::format("'{}' is out of range; expected a whole number from {} to {}", t, min, max));
  return value;
}

std::int64_t parse_resource_amount(std::string_view t) {
  const std::int64_t amount = parse_integer(t, 0, std::numeric_limits<std::int64_t>::max());
  if (amount > limits::kMaxUnits)
    throw std::invalid_argument(
        fmt::format("{} units is more than this machine can hold (limit {})", amount, limits::kMaxUnits));
  return amount;
}

}  // namespace meridian::scenario
