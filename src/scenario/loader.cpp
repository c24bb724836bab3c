// Phase one of loading: text -> YAML tree -> overrides -> size guard -> ScenarioSpec.
// Each stage reports into one Diagnostics and the next runs as far as it can, so that a user
// sees every problem at once; only a tree that is malformed or hostile stops the read early.

#include "scenario/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "scenario/iso_time.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/tree_guard.hpp"

namespace meridian::scenario {
namespace {

constexpr int kFormatVersion = 1;

/// Same order as OutputKind.
const std::vector<std::string>& output_names() {
  static const std::vector<std::string> names{"summary", "timeseries", "tasks", "trace", "report"};
  return names;
}

/// The name becomes the default output folder `out/<name>/`, so it must be a safe file name.
bool is_safe_name(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::vector<OutputKind> read_outputs(const Located& list) {
  std::vector<OutputKind> outputs;
  for (const Located& item : list.items(output_names().size() * 2)) {
    const auto index = item.one_of("output", output_names());
    if (!index) continue;
    const auto kind = static_cast<OutputKind>(*index);
    if (std::find(outputs.begin(), outputs.end(), kind) != outputs.end()) {
      item.error(fmt::format("output '{}' is listed twice", output_names()[*index]));
      continue;
    }
    outputs.push_back(kind);
  }
  return outputs;
}

/// False when the version is not ours: then the rest of the file means something else and
/// reading on would only bury the one message that matters. Read before any other key is
/// checked, for that reason; a missing version is reported with the other missing keys.
bool read_version(const YAML::Node& root, ReadContext& context, ScenarioSpec& spec) {
  if (!root.IsMap()) return true;
  const YAML::Node node = root["meridian"];
  if (!node.IsDefined()) return true;
  const Located field(context, node, "meridian", node.Mark());
  const auto version = field.integer(0, std::numeric_limits<int>::max());
  if (!version) return false;
  if (*version != kFormatVersion) {
    field.error(
        fmt::format("format version {} is not supported: this meridian reads version {}", *version, kFormatVersion));
    return false;
  }
  spec.format_version = static_cast<int>(*version);
  return true;
}

/// A scenario whose size alone would run for days or fill the memory or disk is reported before
/// it starts, at the value that makes it so.
void check_volume(const ScenarioSpec& spec, const MapReader& top, ReadContext& context) {
  const double horizon_s = to_seconds(spec.horizon);
  for (std::size_t w = 0; w < spec.workloads.size(); ++w) {
    const ArrivalSpec& a = spec.workloads[w].arrivals;
    const double expected = a.rate_per_s * horizon_s;
    if (a.process != ArrivalProcess::Trace && expected > limits::kMaxExpectedArrivals)
      context.error(a.where, fmt::format("{:.3g} arrivals expected over the horizon, more than the {:.0e} one run can "
                                         "simulate; lower the rate or the horizon",
                                         expected, limits::kMaxExpectedArrivals));
  }
  const double rows = (horizon_s / to_seconds(spec.sample_every) + 1.0) * static_cast<double>(spec.regions.size());
  if (rows > limits::kMaxSampleRows) {
    const auto field = top.optional("sample_every");
    const Where where = field ? field->where() : top.self().where();
    context.error(where, fmt::format("sampling every {:g} s over the horizon gives {:.3g} time-series rows ({} regions), "
                                     "more than {:.0e}; sample less often",
                                     to_seconds(spec.sample_every), rows, spec.regions.size(), limits::kMaxSampleRows));
  }
}

void read_scenario(const YAML::Node& root, ReadContext& context, ScenarioSpec& spec) {
  if (!read_version(root, context, spec)) return;
  const Located top(context, root, "", root.Mark());
  const MapReader m(top, {"meridian", "name", "seed", "start", "horizon", "warmup", "sample_every", "regions", "links",
                          "datasets", "teams", "workloads", "policies", "forecast", "faults", "outputs"});
  if (!m.valid()) return;
  m.required("meridian");  // read above; here only reported when missing

  if (const auto name = m.required("name")) {
    if (const auto text = name->text(); text && !is_safe_name(*text)) {
      name->error(fmt::format("name '{}' names the output folder: use only letters, digits, '-', '_' and '.'", *text));
    } else if (text) {
      spec.name = *text;
    }
  }
  read_into(m, "seed", spec.seed, [](const Located& f) -> std::optional<std::uint64_t> {
    if (const auto seed = f.integer(0, std::numeric_limits<std::int64_t>::max()))
      return static_cast<std::uint64_t>(*seed);
    return std::nullopt;
  });
  read_into(m, "start", spec.start_unix_seconds, [](const Located& f) {
    return f.scalar_as(kIsoExample, [](std::string_view t) {
      if (const auto seconds = parse_iso_utc(t)) return *seconds;
      throw std::invalid_argument(fmt::format("expected {}, found '{}'", kIsoExample, t));
    });
  });
  read_into(m, "horizon", spec.horizon, &Located::positive_duration);
  read_into(m, "warmup", spec.warmup, &Located::duration);
  // A warmup at or past the horizon would leave no task in the statistics: surely a mistake
  // (for a quick check, `--set horizon=2h --set warmup=0s`).
  if (const auto f = m.optional("warmup"); f && spec.warmup >= spec.horizon)
    f->error("warmup is not shorter than the horizon, so no task would be counted");
  read_into(m, "sample_every", spec.sample_every, &Located::positive_duration);

  // Regions first, then datasets: every later section refers to them.
  if (const auto f = m.required("regions")) spec.regions = read_regions(*f);
  if (const auto f = m.optional("datasets")) spec.datasets = read_datasets(*f, spec.regions);
  if (const auto f = m.optional("links")) spec.links = read_links(*f);
  if (const auto f = m.optional("teams")) spec.teams = read_teams(*f);
  if (const auto f = m.optional("workloads")) spec.workloads = read_workloads(*f, spec.start_unix_seconds);
  if (const auto f = m.optional("policies")) spec.policies = read_policies(*f);
  if (const auto f = m.optional("forecast")) spec.forecast = read_forecast(*f);
  if (const auto f = m.optional("faults")) spec.faults = read_faults(*f, spec.links);
  if (const auto f = m.optional("outputs")) spec.outputs = read_outputs(*f);

  if (spec.policies.failover.mode == FailoverSpec::Mode::Manual && spec.teams.empty())
    context.error(spec.policies.failover.where, "manual failover needs at least one team under 'teams'");
  check_volume(spec, m, context);
}

/// Problems in file order (those without a line, from --set, first), then those in data files
/// in the order found: the order a reader fixes them in.
void sort_by_position(Diagnostics& diagnostics, const std::string& file) {
  std::vector<Diagnostic> items = diagnostics.items();
  std::stable_sort(items.begin(), items.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const bool a_here = a.where.file == file, b_here = b.where.file == file;
    if (a_here != b_here) return a_here;
    if (!a_here) return false;
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  Diagnostics sorted;
  for (auto& d : items) sorted.error(std::move(d.where), std::move(d.message));
  diagnostics = std::move(sorted);
}

}  // namespace

LoadResult load_scenario_text(std::string_view yaml, const std::string& file_name, const std::string& base_dir,
                              const std::vector<Override>& overrides) {
  LoadResult result;
  result.spec.source_file = file_name;
  ReadContext context(file_name, yaml, base_dir, result.diagnostics);
  try {
    std::vector<YAML::Node> documents;
    try {
      documents = YAML::LoadAll(std::string(yaml));
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own message for this is "bad file".
      context.error(e.mark, "", "malformed YAML: nesting is deeper than this machine can hold");
    } catch (const YAML::ParserException& e) {
      context.error(e.mark, "", fmt::format("malformed YAML: {}", e.msg));
    }
    if (result.diagnostics.empty()) {
      if (documents.empty() || documents.front().IsNull()) {
        context.error(Where{file_name, 0, 0, "", ""},
                      "the scenario is empty (it needs at least meridian, name and regions)");
      } else if (documents.size() > 1) {
        context.error(documents[1].Mark(), "", "a scenario is one YAML document; this file has more ('---')");
      } else {
        YAML::Node root = documents.front();
        apply_overrides(root, overrides, context);
        if (check_tree_size(root, context)) read_scenario(root, context, result.spec);
      }
    }
  } catch (const std::exception& e) {
    // A conversion we did not foresee must still end as a message, never as a crash.
    context.error(Where{file_name, 0, 0, "", ""}, fmt::format("could not read the scenario: {}", e.what()));
  }
  sort_by_position(result.diagnostics, file_name);
  return result;
}

LoadResult load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  const auto fail = [&](std::string message) {
    LoadResult result;
    result.spec.source_file = path;
    result.diagnostics.error(Where{path, 0, 0, "", ""}, std::move(message));
    return result;
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(std::filesystem::exists(path, ec) ? "cannot read the scenario: not a regular file"
                                                  : "cannot read the scenario: no such file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > limits::kMaxScenarioBytes)
    return fail(fmt::format("the scenario is {} bytes, more than this machine can hold (limit {} bytes)", size,
                            limits::kMaxScenarioBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read the scenario: it does not open");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string base_dir = std::filesystem::path(path).parent_path().string();
  return load_scenario_text(text.str(), path, base_dir, overrides);
}

}  // namespace meridian::scenario
