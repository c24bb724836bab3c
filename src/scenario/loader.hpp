#pragma once
// Phase one of loading: a YAML scenario file (plus --set overrides) to a ScenarioSpec.

#include <string>
#include <string_view>
#include <vector>

#include "meridian/core/error.hpp"
#include "scenario/spec.hpp"

namespace meridian::scenario {

/// One `--set PATH=VALUE` (or one value of `--vary`): a dotted path into the scenario, where
/// list items are addressed by their `id` (`workloads.chat.arrivals.rate`) or their index.
struct Override {
  std::string path;
  std::string value;  ///< parsed as YAML, so `{name: x, k: 1}` and `[a, b]` work
};

/// Parses `PATH=VALUE`; throws InputError naming the argument when there is no `=`.
Override parse_override(std::string_view argument);

/// What phase one produced: the spec (as complete as the input allowed) and every problem.
struct LoadResult {
  ScenarioSpec spec;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

/// Reads and checks a scenario file. Never throws for bad input: problems are collected.
LoadResult load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});

/// Same, from text; `file_name` is used in messages and `base_dir` resolves relative files.
LoadResult load_scenario_text(std::string_view yaml, const std::string& file_name,
                              const std::string& base_dir, const std::vector<Override>& overrides = {});

}  // namespace meridian::scenario
