#pragma once
// Located access to a YAML tree: every read knows the node's file position and key path, so
// that any problem becomes a Diagnostic pointing at the exact spot. Reads never throw for bad
// input; they report and return nullopt, so that loading goes on and collects every problem.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "meridian/core/error.hpp"
#include "meridian/core/time.hpp"

namespace meridian::scenario {

/// What the whole read shares: the file and its text (for carets), where problems go, which
/// paths were set by `--set`, and the ids known so far (for references and "did you mean").
class ReadContext {
 public:
  ReadContext(std::string file, std::string_view text, std::string base_dir, Diagnostics& out);

  const std::string& file() const { return file_; }
  /// A data file named in the scenario, relative to the scenario's folder unless absolute.
  std::string resolve(const std::string& relative) const;

  /// Location of a node; a value that came from `--set` has no line in the file.
  Where where(const YAML::Mark& mark, const std::string& path) const;
  /// Reports a problem at a node; says which `--set` supplied the value when one did.
  void error(const YAML::Mark& mark, const std::string& path, std::string message);
  /// Reports a problem located elsewhere (a trace or carbon file, an override argument).
  void error(Where where, std::string message) { out_.error(std::move(where), std::move(message)); }

  /// Records that everything at or below `path` was written by `--set argument`.
  void add_override(std::string path, std::string argument);

  /// Ids defined so far, for references: filled as sections are read.
  std::vector<std::string> region_ids;
  std::vector<std::string> dataset_ids;
  std::vector<std::string> resource_names;  ///< every resource some region has capacity of

 private:
  const std::pair<std::string, std::string>* override_at(const std::string& path) const;

  std::string file_;
  std::string base_dir_;
  std::vector<std::string> lines_;
  std::vector<std::pair<std::string, std::string>> overrides_;  ///< (canonical path, argument)
  Diagnostics& out_;
};

/// A node with its key path: the unit of every read.
class Located {
 public:
  /// Longer values are not quoted back in messages.
  static constexpr std::size_t kMaxQuotedChars = 1000;

  /// `mark` is where messages point; for an empty value it is the key's position, because
  /// yaml-cpp puts an empty value's mark at the start of the next line.
  Located(ReadContext& context, const YAML::Node& node, std::string path, YAML::Mark mark);
  Located(ReadContext& context, const YAML::Node& node, std::string path);

  ReadContext& context() const { return *context_; }
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const YAML::Mark& mark() const { return mark_; }
  Where where() const { return context_->where(mark_, path_); }
  void error(std::string message) const { context_->error(mark_, path_, std::move(message)); }

  bool is_map() const { return node_.IsMap(); }
  bool is_list() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  /// "a mapping", "a list", "a value" or "nothing", for "expected X, found Y".
  std::string shape() const;

  /// The one way to read a scalar: checks it is a single value, converts it with `parse`
  /// (which throws UnitError or another std::exception whose message says what is wrong),
  /// and reports what went wrong. `expected` names the value for "expected X, found a list".
  template <class Parse>
  auto scalar_as(std::string_view expected, Parse parse) const -> std::optional<decltype(parse(std::string_view{}))> {
    if (!node_.IsScalar()) {
      error("expected " + std::string(expected) + ", found " + shape());
      return std::nullopt;
    }
    // Messages quote the value; no value of a scenario is this long, so do not quote it.
    if (node_.Scalar().size() > kMaxQuotedChars) {
      error("expected " + std::string(expected) + ", found a value " + std::to_string(node_.Scalar().size()) +
            " characters long");
      return std::nullopt;
    }
    try {
      return parse(std::string_view(node_.Scalar()));
    } catch (const std::exception& e) {
      error(e.what());
      return std::nullopt;
    }
  }

  // Typed reads, all through scalar_as; units as in meridian/core/units.hpp.
  std::optional<std::string> text() const;                     ///< any single value
  std::optional<double> number(double min, double max) const;  ///< finite, in [min, max]
  std::optional<std::int64_t> integer(std::int64_t min, std::int64_t max) const;
  std::optional<std::int64_t> resource_amount() const;   ///< 0..limits::kMaxUnits
  std::optional<bool> boolean() const;                   ///< true or false only
  std::optional<SimDuration> duration() const;           ///< `30s`, >= 0
  std::optional<SimDuration> positive_duration() const;  ///< `30s`, > 0
  std::optional<double> size_bytes() const;              ///< `2MB` -> bytes
  std::optional<double> bandwidth_bps() const;           ///< `10Gbps` -> bits/s
  std::optional<double> data_rate() const;               ///< `200MB/s` -> bytes/s
  std::optional<double> rate_per_s() const;              ///< `800/s` -> per second
  std::optional<double> power_watts() const;             ///< `700W` -> W
  std::optional<double> price_per_hour() const;          ///< `3.90/h` -> $/h
  std::optional<double> price_per_byte() const;          ///< `0.02/GB` -> $/byte
  /// A scalar that must be one of `names`; reports with "did you mean" otherwise.
  std::optional<std::size_t> one_of(std::string_view noun, const std::vector<std::string>& names) const;
  /// A scalar naming an id in `known` (a reference); reports "unknown NOUN" with a suggestion.
  std::optional<std::string> reference(std::string_view noun, const std::vector<std::string>& known) const;

  /// The items of a list (reported if this is not a list, or longer than `max_items`).
  /// Items with an `id` are addressed by it in paths (`workloads.chat`), others by index.
  std::vector<Located> items(std::size_t max_items) const;
  /// One `key: value` of a mapping.
  struct Entry;
  /// The entries of a mapping (reported if this is not one), in file order. Keys that are not
  /// plain text, or that appear twice, are reported and left out.
  std::vector<Entry> entries() const;

 private:
  ReadContext* context_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

struct Located::Entry {
  std::string key;
  YAML::Mark key_mark;
  Located value;
};

/// A mapping under reading. The constructor checks the shape and reports every key that is not
/// in `allowed` (with "did you mean") and every key given twice; then keys are fetched by name.
class MapReader {
 public:
  MapReader(const Located& map, std::vector<std::string> allowed);

  bool valid() const { return valid_; }
  const Located& self() const { return self_; }
  std::optional<Located> optional(std::string_view key) const;
  /// Reports "missing required key" at the mapping when absent.
  std::optional<Located> required(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }

 private:
  const Located* find(std::string_view key) const;

  Located self_;
  bool valid_ = false;
  std::vector<Located::Entry> entries_;
};

/// Reads the optional `key` with `read` (a Located member such as &Located::duration, or a
/// lambda) into `target`; keeps the default when the key is absent or its value is bad (a bad
/// value has been reported by then).
template <class T, class Read>
void read_into(const MapReader& map, std::string_view key, T& target, Read read) {
  if (const auto field = map.optional(key))
    if (auto value = std::invoke(read, *field)) target = std::move(*value);
}

/// Ids of one kind of item (regions, workloads, ...): checks the grammar and uniqueness.
class IdSet {
 public:
  explicit IdSet(std::string noun) : noun_(std::move(noun)) {}
  /// Reads the required `id` of an item; nullopt (reported) when missing, malformed or taken.
  std::optional<std::string> claim(const MapReader& item);
  std::vector<std::string> ids() const;

 private:
  std::string noun_;
  std::vector<std::string> ids_;           ///< in file order, for messages
  std::map<std::string, int> first_line_;  ///< 0 when the id came from --set
};

/// The source line to show under a message, shortened when it is very long.
std::string caret_line(std::string_view line, int column);
/// True for the id grammar [a-z0-9-]+.
bool is_valid_id(std::string_view id);
/// "unknown region 'us-est' (did you mean 'us-east'?)", or listing the choices when few.
/// `lead` replaces "unknown" ("no workload 'chta' ...").
std::string unknown_message(std::string_view noun, const std::string& word, const std::vector<std::string>& known,
                            std::string_view lead = "unknown");
/// Path of a child key: "a.b" (or "b" at the top).
std::string child_path(const std::string& parent, std::string_view key);
/// Path of a list item: "parent.ID" when the item is a mapping with a valid id, else "parent[i]".
std::string item_path(const std::string& parent, const YAML::Node& item, std::size_t index);

}  // namespace meridian::scenario
