// A workload's `trace:` and its file: CSV with named columns, or the Standard Workload Format.
//
// CSV: a header is required; `submit` (seconds from start, or an ISO instant) and `duration`
// (seconds) must be there; optional columns are any resource name (gpu, cpu, ...), `origin`,
// `workload` and `priority`; an empty optional field means "not given". When a `workload`
// column is present the file may be shared by several workloads: a row whose workload is
// neither empty nor this workload's id belongs to another one and is left out.
//
// SWF (https://www.cs.huji.ac.il/labs/parallel/workload/swf.html): 18 whitespace-separated
// fields, `;` comments. Field 2 is the submit time, 4 the run time, 5 the allocated processors
// (8, requested processors, when 5 is -1). SWF writes -1 for "unknown": such rows cannot be
// simulated and are counted in TraceSpec::skipped_rows, not reported as errors. A row that
// does not parse is an error.

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "scenario/data_file.hpp"
#include "scenario/iso_time.hpp"
#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/text_values.hpp"

namespace meridian::scenario {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::size_t kSwfFields = 18;

SimDuration seconds_to_duration(double seconds) {
  if (const auto d = duration_from_seconds(seconds)) return *d;
  throw std::invalid_argument(fmt::format("{} seconds is longer than a simulation can span", seconds));
}

double parse_seconds(std::string_view t) { return parse_number(t, 0, kInfinity); }

/// Reports the row-count limit once, at the row that passes it; false from then on.
bool room_for_row(DataFile& data, const TraceSpec& trace) {
  if (trace.rows.size() < limits::kMaxTraceRows) return true;
  data.error(1, fmt::format("more than {} rows is more than this machine can hold", limits::kMaxTraceRows));
  return false;
}

/// Column roles of a trace CSV, found from its header.
struct CsvColumns {
  int submit = -1, duration = -1, origin = -1, workload = -1, priority = -1;
  std::vector<std::pair<int, std::string>> resources;  ///< (column index, resource)
  std::size_t count = 0;
};

std::optional<CsvColumns> read_csv_header(DataFile& data, const ReadContext& context) {
  std::vector<std::string> allowed{"submit", "duration", "origin", "workload", "priority"};
  std::vector<std::string> resources = context.resource_names;
  for (const std::string conventional : {"gpu", "cpu"})
    if (std::find(resources.begin(), resources.end(), conventional) == resources.end())
      resources.push_back(conventional);
  allowed.insert(allowed.end(), resources.begin(), resources.end());

  CsvColumns columns;
  const auto fields = split_commas(data.line());
  columns.count = fields.size();
  bool ok = true;
  std::vector<std::string_view> seen;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string name(fields[i].text);
    const int index = static_cast<int>(i);
    if (std::find(seen.begin(), seen.end(), fields[i].text) != seen.end()) {
      data.error(fields[i].column, fmt::format("column '{}' appears twice", name));
      ok = false;
      continue;
    }
    seen.push_back(fields[i].text);
    if (name == "submit")
      columns.submit = index;
    else if (name == "duration")
      columns.duration = index;
    else if (name == "origin")
      columns.origin = index;
    else if (name == "workload")
      columns.workload = index;
    else if (name == "priority")
      columns.priority = index;
    else if (std::find(resources.begin(), resources.end(), name) != resources.end())
      columns.resources.emplace_back(index, name);
    else {
      data.error(fields[i].column, unknown_message("column", name, allowed));
      ok = false;
    }
  }
  for (const auto& [index, name] : {std::pair{columns.submit, "submit"}, std::pair{columns.duration, "duration"}}) {
    if (index < 0) {
      data.error(1, fmt::format("the header has no '{}' column (a trace CSV starts with a header such as "
                                "submit,duration,gpu)",
                                name));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return columns;
}

void read_csv_rows(DataFile& data, TraceSpec& trace, const std::string& workload_id, std::int64_t start) {
  ReadContext& context = data.context();
  std::optional<CsvColumns> columns;
  std::size_t other_workloads = 0;
  while (data.next()) {
    if (data.line().empty() || data.line().front() == '#') continue;
    if (!columns) {
      columns = read_csv_header(data, context);
      if (!columns) return;  // every row would be misread
      continue;
    }
    if (!room_for_row(data, trace)) return;
    const auto fields = split_commas(data.line());
    if (fields.size() != columns->count) {
      data.error(fields.back().column,
                 fmt::format("expected {} fields as in the header, found {}", columns->count, fields.size()));
      continue;
    }
    if (columns->workload >= 0) {
      const std::string_view owner = fields[static_cast<std::size_t>(columns->workload)].text;
      if (!owner.empty() && owner != workload_id) {
        ++other_workloads;
        continue;
      }
    }
    TraceRow row;
    row.line = data.line_number();
    bool ok = true;
    const auto submit =
        data.field_as(fields[static_cast<std::size_t>(columns->submit)], "submit", [&](std::string_view t) {
          if (const auto instant = parse_iso_utc(t)) {
            if (*instant < start) throw std::invalid_argument(fmt::format("'{}' is before the scenario's start", t));
            return SimDuration{std::chrono::seconds{*instant - start}};
          }
          return seconds_to_duration(parse_seconds(t));
        });
    const auto duration = data.field_as(fields[static_cast<std::size_t>(columns->duration)], "duration",
                                        [](std::string_view t) { return seconds_to_duration(parse_seconds(t)); });
    ok = submit && duration;
    if (ok) row.submit = *submit, row.duration = *duration;
    for (const auto& [index, resource] : columns->resources) {
      const TextField& field = fields[static_cast<std::size_t>(index)];
      if (field.text.empty()) continue;
      const auto amount = data.field_as(field, resource, parse_resource_amount);
      if (amount) row.demand.emplace_back(resource, *amount);
      ok = ok && amount;
    }
    if (columns->origin >= 0 && !fields[static_cast<std::size_t>(columns->origin)].text.empty()) {
      const auto origin =
          data.field_as(fields[static_cast<std::size_t>(columns->origin)], "origin", [&](std::string_view t) {
            std::string name(t);
            const auto& regions = context.region_ids;
            if (std::find(regions.begin(), regions.end(), name) == regions.end())
              throw std::invalid_argument(unknown_message("region", name, regions));
            return name;
          });
      if (origin) row.origin = *origin;
      ok = ok && origin;
    }
    if (columns->priority >= 0 && !fields[static_cast<std::size_t>(columns->priority)].text.empty()) {
      const auto priority =
          data.field_as(fields[static_cast<std::size_t>(columns->priority)], "priority", [](std::string_view t) {
            return static_cast<int>(parse_integer(t, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
          });
      if (priority) row.priority = *priority;
      ok = ok && priority;
    }
    if (ok) trace.rows.push_back(std::move(row));
  }
  if (!columns && data.error_count() == 0) data.error(1, "the trace has no header (such as submit,duration,gpu)");
  if (columns && trace.rows.empty() && other_workloads > 0 && data.error_count() == 0)
    data.error(1, fmt::format("no row names workload '{}' in the workload column ({} rows name others)", workload_id,
                              other_workloads));
}

void read_swf_rows(DataFile& data, TraceSpec& trace) {
  while (data.next()) {
    const auto fields = split_whitespace(data.line());
    if (fields.empty() || fields.front().text.front() == ';') continue;
    if (!room_for_row(data, trace)) return;
    if (fields.size() != kSwfFields) {
      data.error(fields.back().column, fmt::format("expected the {} fields of the Standard Workload Format, found {}",
                                                   kSwfFields, fields.size()));
      continue;
    }
    // Every field is a number, -1 meaning unknown (inner nullopt); parse the ones we use.
    const auto seconds = [](std::string_view t) -> std::optional<SimDuration> {
      const double s = parse_number(t, -1, kInfinity);
      if (s < 0) return std::nullopt;
      return seconds_to_duration(s);
    };
    const auto processors = [](std::string_view t) { return t == "-1" ? -1 : parse_resource_amount(t); };
    const auto submit = data.field_as(fields[1], "submit time (field 2)", seconds);
    const auto run_time = data.field_as(fields[3], "run time (field 4)", seconds);
    const auto allocated = data.field_as(fields[4], "allocated processors (field 5)", processors);
    const auto requested = data.field_as(fields[7], "requested processors (field 8)", processors);
    if (!submit || !run_time || !allocated || !requested) continue;
    const std::int64_t count = *allocated >= 0 ? *allocated : *requested;
    if (!*submit || !*run_time || count <= 0) {
      ++trace.skipped_rows;
      continue;
    }
    TraceRow row;
    row.line = data.line_number();
    row.submit = **submit;
    row.duration = **run_time;
    row.demand.emplace_back(trace.processors_resource, count);
    trace.rows.push_back(std::move(row));
  }
}

}  // namespace

TraceSpec read_trace(const Located& value, const std::string& workload_id, std::int64_t start_unix_seconds) {
  TraceSpec trace;
  trace.where = value.where();
  const MapReader m(value, {"file", "format", "map"});
  if (!m.valid()) return trace;
  const auto file = m.required("file");
  const auto name = file ? file->text() : std::nullopt;
  if (name && name->size() >= 4 && name->substr(name->size() - 4) == ".swf") trace.format = TraceSpec::Format::Swf;
  if (const auto format = m.optional("format")) {
    if (const auto index = format->one_of("trace format", {"csv", "swf"}))
      trace.format = *index == 0 ? TraceSpec::Format::Csv : TraceSpec::Format::Swf;
  }
  if (const auto map = m.optional("map")) {
    if (trace.format != TraceSpec::Format::Swf) {
      map->error("'map' applies to SWF traces only (a CSV names its resource columns)");
    } else {
      const MapReader mapping(*map, {"processors"});
      if (const auto processors = mapping.required("processors")) {
        if (const auto resource = processors->reference("resource", value.context().resource_names))
          trace.processors_resource = *resource;
      }
    }
  }
  if (!name) return trace;
  trace.file = value.context().resolve(*name);

  DataFile data(*file, *name, "trace");
  if (!data.is_open()) return trace;
  if (trace.format == TraceSpec::Format::Csv) {
    read_csv_rows(data, trace, workload_id, start_unix_seconds);
  } else {
    read_swf_rows(data, trace);
  }
  data.finish();
  if (trace.rows.empty() && data.error_count() == 0)
    file->error(fmt::format("trace '{}' has no rows that can be simulated{}", trace.file,
                            trace.skipped_rows > 0
                                ? fmt::format(" ({} skipped for unknown run time or processors)", trace.skipped_rows)
                                : ""));
  std::stable_sort(trace.rows.begin(), trace.rows.end(),
                   [](const TraceRow& a, const TraceRow& b) { return a.submit < b.submit; });
  return trace;
}

}  // namespace meridian::scenario
