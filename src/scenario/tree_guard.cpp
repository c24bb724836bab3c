#include "scenario/tree_guard.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario_limits.hpp"

namespace meridian::scenario {
namespace {

struct Failure {
  bool too_deep = false;  ///< else: too many nodes
  YAML::Mark mark;
  std::vector<std::string> segments;  ///< path pieces, innermost first (built while unwinding)
};

/// Depth-first walk with a shared node budget; the path of the failure is only built when
/// there is one, so the common case costs a counter per node.
std::optional<Failure> walk(const YAML::Node& node, int depth, std::size_t& visited) {
  if (++visited > limits::kMaxTreeNodes) return Failure{false, node.Mark(), {}};
  if (depth > limits::kMaxDepth) return Failure{true, node.Mark(), {}};
  if (node.IsSequence()) {
    std::size_t index = 0;
    for (const YAML::Node& item : node) {
      if (auto failure = walk(item, depth + 1, visited)) {
        const std::string piece = item_path("", item, index);
        failure->segments.push_back(piece.front() == '[' ? piece : "." + piece);
        return failure;
      }
      ++index;
    }
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      auto failure = walk(it->first, depth + 1, visited);
      if (!failure) failure = walk(it->second, depth + 1, visited);
      if (failure) {
        failure->segments.push_back("." + (it->first.IsScalar() ? it->first.Scalar() : std::string("?")));
        return failure;
      }
    }
  }
  return std::nullopt;
}

/// The path of the failure, outermost first; a very deep one is cut short after `max_segments`
/// (the caret already shows where it is).
std::string join_reversed(const std::vector<std::string>& segments, std::size_t max_segments) {
  std::string path;
  std::size_t count = 0;
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    if (++count > max_segments) {
      path += "...";
      break;
    }
    path += *it;
  }
  if (!path.empty() && path.front() == '.') path.erase(0, 1);
  return path;
}

}  // namespace

bool check_tree_size(const YAML::Node& root, ReadContext& context) {
  std::size_t visited = 0;
  auto failure = walk(root, 0, visited);
  if (!failure) return true;
  if (failure->too_deep) {
    context.error(failure->mark, join_reversed(failure->segments, 8),
                  fmt::format("nesting is deeper than this machine can hold (limit {} levels)", limits::kMaxDepth));
    return false;
  }
  // Aliased nodes share the anchor's position, so the innermost node is a poor place to point
  // at: point at the top-level key whose value expanded past the budget instead.
  std::string top;
  if (!failure->segments.empty() && failure->segments.back().front() == '.') top = failure->segments.back().substr(1);
  YAML::Mark mark = failure->mark;
  if (root.IsMap() && !top.empty())
    for (auto it = root.begin(); it != root.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == top) mark = it->first.Mark();
  context.error(mark, top,
                fmt::format("expands to more than {} nodes when its aliases are followed, more than this "
                            "machine can hold (is it an alias bomb?)",
                            limits::kMaxTreeNodes));
  return false;
}

}  // namespace meridian::scenario
