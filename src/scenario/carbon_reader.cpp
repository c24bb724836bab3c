// A region's carbon intensity: a constant, or an hourly UTC series from a CSV file whose rows
// are `time,gCO2/kWh` with time an ISO instant or unix seconds; one header line is allowed.

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "scenario/data_file.hpp"
#include "scenario/iso_time.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/text_values.hpp"

namespace meridian::scenario {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::int64_t parse_instant(std::string_view text) {
  if (const auto t = parse_iso_utc(text)) return *t;
  if (text.find_first_not_of("0123456789") == std::string_view::npos && !text.empty())
    return parse_integer(text, 0, std::numeric_limits<std::int64_t>::max() / 2);
  throw std::invalid_argument(fmt::format("expected {} or unix seconds, found '{}'", kIsoExample, text));
}

/// A first line whose first field is neither form of time is a header, not a bad row.
bool looks_like_header(const std::vector<TextField>& fields) {
  const std::string_view first = fields.front().text;
  return !parse_iso_utc(first) && (first.empty() || first.find_first_not_of("0123456789") != std::string_view::npos);
}

std::vector<CarbonPoint> read_carbon_file(const Located& reference, const std::string& file) {
  std::vector<CarbonPoint> points;
  DataFile data(reference, file, "carbon");
  bool first_row = true;
  std::vector<int> lines;  // for duplicate-time messages
  while (data.next()) {
    if (data.line().empty() || data.line().front() == '#') continue;
    const auto fields = split_commas(data.line());
    const bool header = first_row && looks_like_header(fields);
    first_row = false;
    if (header) continue;
    if (fields.size() != 2) {
      data.error(1, fmt::format("expected 2 fields (time, gCO2/kWh), found {}", fields.size()));
      continue;
    }
    const auto time = data.field_as(fields[0], "time", parse_instant);
    const auto value =
        data.field_as(fields[1], "gCO2/kWh", [](std::string_view t) { return parse_number(t, 0, kInfinity); });
    if (time && value) {
      points.push_back({*time, *value});
      lines.push_back(data.line_number());
    }
  }
  data.finish();
  if (data.is_open() && points.empty() && data.error_count() == 0)
    reference.error(fmt::format("carbon file '{}' has no rows", data.path()));

  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return points[a].unix_seconds < points[b].unix_seconds; });
  std::vector<CarbonPoint> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (k > 0 && points[i].unix_seconds == points[order[k - 1]].unix_seconds) {
      reference.error(fmt::format("carbon file '{}': line {} gives the same time as line {}", data.path(), lines[i],
                                  lines[order[k - 1]]));
      continue;
    }
    sorted.push_back(points[i]);
  }
  return sorted;
}

}  // namespace

CarbonSpec read_carbon(const Located& value) {
  CarbonSpec carbon;
  carbon.where = value.where();
  if (value.is_scalar()) {
    if (const auto g = value.number(0, kInfinity)) carbon.constant_g_per_kwh = *g;
    return carbon;
  }
  const MapReader m(value, {"file"});
  if (!m.valid()) return carbon;
  if (const auto file = m.required("file")) {
    if (const auto name = file->text()) {
      carbon.file = file->context().resolve(*name);
      carbon.hourly = read_carbon_file(*file, *name);
    }
  }
  return carbon;
}

}  // namespace meridian::scenario
