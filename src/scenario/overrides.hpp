#pragma once
// `--set PATH=VALUE` applied to the YAML tree before conversion, so that an overridden value
// is checked exactly like one written in the file.

#include <yaml-cpp/yaml.h>

#include <vector>

#include "scenario/loader.hpp"
#include "scenario/yaml_reader.hpp"

namespace meridian::scenario {

/// Applies `overrides` in order. A path whose parent is missing, or that names an unknown list
/// item, is reported (naming the override) and that override skipped. Each applied override
/// is recorded in `context`, so that later messages about its values say they came from --set.
void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, ReadContext& context);

}  // namespace meridian::scenario
