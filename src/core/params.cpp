#include "meridian/core/params.hpp"

#include <charconv>
#include <cmath>

#include "meridian/core/units.hpp"

namespace meridian {

const PolicyParams::Value& PolicyParams::raw(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end())
    // The registry fills every documented default, so this is a bug in a policy, not bad input.
    throw std::logic_error("policy reads undeclared parameter '" + std::string(name) + "'");
  return it->second;
}

double PolicyParams::number(std::string_view name) const {
  const Value& v = raw(name);
  double out = 0.0;
  const char* end = v.text.data() + v.text.size();
  const auto [ptr, ec] = std::from_chars(v.text.data(), end, out);
  if (ec != std::errc{} || ptr != end || !std::isfinite(out))
    throw InputError(v.where, "parameter '" + std::string(name) + "' must be a finite number, not '" + v.text + "'");
  return out;
}

std::int64_t PolicyParams::integer(std::string_view name) const {
  const Value& v = raw(name);
  std::int64_t out = 0;
  const char* end = v.text.data() + v.text.size();
  const auto [ptr, ec] = std::from_chars(v.text.data(), end, out);
  if (ec != std::errc{} || ptr != end)
    throw InputError(v.where, "parameter '" + std::string(name) + "' must be an integer, not '" + v.text + "'");
  return out;
}

namespace {
/// Parses a parameter with its units, locating a bad value where it was written.
template <typename Parse>
auto parse_located(const PolicyParams::Value& v, std::string_view name, Parse parse) {
  try {
    return parse(v.text);
  } catch (const UnitError& e) {
    throw InputError(v.where, "parameter '" + std::string(name) + "': " + e.what());
  }
}
}  // namespace

SimDuration PolicyParams::duration(std::string_view name) const {
  return parse_located(raw(name), name, [](std::string_view t) { return parse_duration(t); });
}

double PolicyParams::bandwidth_bps(std::string_view name) const {
  return parse_located(raw(name), name, [](std::string_view t) { return parse_bandwidth_bps(t); });
}

}  // namespace meridian
