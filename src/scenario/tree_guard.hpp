#pragma once
// The guard that runs before conversion: a YAML tree with aliases can describe far more nodes
// than its text has (a billion-laughs bomb is a few hundred bytes), and conversion follows
// aliases. Walking the tree once with a budget bounds everything that comes after.

#include <yaml-cpp/yaml.h>

#include "scenario/yaml_reader.hpp"

namespace meridian::scenario {

/// Reports (once) a tree nested deeper than limits::kMaxDepth or with more than
/// limits::kMaxTreeNodes nodes counted with aliases expanded. False: do not convert it.
bool check_tree_size(const YAML::Node& root, ReadContext& context);

}  // namespace meridian::scenario
