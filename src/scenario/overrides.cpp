// PATH grammar: keys separated by dots; a list item is named by its `id` or by its index,
// written either as a key (`faults.2.at`) or in brackets (`faults[2].at`, the form messages
// use for items without an id). The last key may be new to its mapping; every other step
// must exist, since guessing the shape of a missing parent would hide typos.

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>

#include "scenario/overrides.hpp"

namespace meridian::scenario {
namespace {

struct Step {
  std::string key;
  bool bracketed = false;  ///< `[2]`: an index, never a key
};

std::optional<std::vector<Step>> split_path(std::string_view path) {
  std::vector<Step> steps;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find_first_of(".[", pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos)
      steps.push_back({std::string(path.substr(pos, end - pos)), false});
    else if (end == pos && (end == path.size() || path[end] == '.'))
      return std::nullopt;  // empty key
    while (end < path.size() && path[end] == '[') {
      const std::size_t close = path.find(']', end);
      if (close == std::string_view::npos || close == end + 1) return std::nullopt;
      steps.push_back({std::string(path.substr(end + 1, close - end - 1)), true});
      end = close + 1;
    }
    if (end == path.size()) break;
    if (path[end] != '.') return std::nullopt;
    pos = end + 1;
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

/// "workloads" -> "workload": the noun for messages about a list's items.
std::string item_noun(const std::string& list_key) {
  static const std::map<std::string, std::string> nouns{
      {"regions", "region"},     {"links", "link"},   {"datasets", "dataset"}, {"teams", "team"},
      {"workloads", "workload"}, {"faults", "fault"}, {"outputs", "output"}};
  const auto it = nouns.find(list_key);
  return it != nouns.end() ? it->second : fmt::format("item of '{}'", list_key);
}

bool is_index(const std::string& key) {
  return !key.empty() && key.size() < 10 && key.find_first_not_of("0123456789") == std::string::npos;
}

/// Finds a list item by id (or index); on failure returns an error message.
std::optional<std::size_t> find_item(const YAML::Node& list, const Step& step, const std::string& list_key,
                                     std::string& problem) {
  std::vector<std::string> ids;
  std::size_t index = 0;
  for (const YAML::Node& item : list) {
    const YAML::Node id = item.IsMap() ? item["id"] : YAML::Node();
    if (id.IsDefined() && id.IsScalar()) {
      if (!step.bracketed && id.Scalar() == step.key) return index;
      ids.push_back(id.Scalar());
    }
    ++index;
  }
  if (is_index(step.key)) {
    const std::size_t i = std::stoul(step.key);
    if (i < list.size()) return i;
    problem = fmt::format("no {} at index {} ('{}' has {})", item_noun(list_key), i, list_key, list.size());
    return std::nullopt;
  }
  problem = unknown_message(item_noun(list_key), step.key, ids, "no");
  return std::nullopt;
}

/// Walks `steps` and sets the last one to `value`; returns the canonical path (list items by
/// id, as messages name them) or an error message in `problem`.
std::optional<std::string> set_value(const YAML::Node& root, const std::vector<Step>& steps, const YAML::Node& value,
                                     std::string& problem) {
  YAML::Node node = root;
  std::string path, last_key;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    const bool last = i + 1 == steps.size();
    if (node.IsMap() && !step.bracketed) {
      YAML::Node child;
      bool found = false;
      for (auto it = node.begin(); it != node.end() && !found; ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == step.key) {
          child.reset(it->second);  // rebinds; `=` would overwrite the node's content
          found = true;
        }
      }
      const std::string child_at = child_path(path, step.key);
      if (last) {
        node[step.key] = value;  // replaces the value in place, or adds the key
        return child_at;
      }
      if (!found) {
        problem =
            fmt::format("'{}' is not in the scenario (set it whole, such as --set {}={{...}})", child_at, child_at);
        return std::nullopt;
      }
      node.reset(child);
      path = child_at;
      last_key = step.key;
    } else if (node.IsSequence()) {
      const auto index = find_item(node, step, last_key, problem);
      if (!index) return std::nullopt;
      YAML::Node item = node[*index];
      if (last) {
        item = value;  // yaml-cpp assignment replaces the item's content in the list
        return item_path(path, value, *index);
      }
      path = item_path(path, item, *index);
      node.reset(item);
      last_key = step.key;
    } else {
      problem = path.empty() ? "the scenario is not a mapping"
                             : fmt::format("'{}' is {}, so it has no '{}'", path,
                                           node.IsMap() ? "a mapping" : "a single value", step.key);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

Override parse_override(std::string_view argument) {
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw InputError(Where{"--set", 0, 0, std::string(argument), ""},
                     "expected PATH=VALUE, such as workloads.chat.arrivals.rate=900/s");
  return {std::string(argument.substr(0, eq)), std::string(argument.substr(eq + 1))};
}

void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, ReadContext& context) {
  for (const Override& o : overrides) {
    const std::string argument = fmt::format("{}={}", o.path, o.value);
    const Where where{context.file(), 0, 0, "--set " + o.path, ""};
    const auto steps = split_path(o.path);
    if (!steps) {
      context.error(where, "malformed path: expected keys separated by dots, such as workloads.chat.arrivals.rate");
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      context.error(where, fmt::format("value '{}' is not valid YAML: {}", o.value, e.msg));
      continue;
    }
    std::string problem;
    if (const auto path = set_value(root, *steps, value, problem)) {
      context.add_override(*path, argument);
    } else {
      context.error(where, problem);
    }
  }
}

}  // namespace meridian::scenario
