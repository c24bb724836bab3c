#include "scenario/yaml_reader.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "meridian/core/units.hpp"
#include "scenario/text_values.hpp"

namespace meridian::scenario {

// ---------------------------------------------------------------------------------------------
// ReadContext

ReadContext::ReadContext(std::string file, std::string_view text, std::string base_dir, Diagnostics& out)
    : file_(std::move(file)), base_dir_(std::move(base_dir)), out_(out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines_.emplace_back(line);
    start = end + 1;
  }
}

std::string ReadContext::resolve(const std::string& relative) const {
  const std::filesystem::path p(relative);
  if (p.is_absolute() || base_dir_.empty()) return p.lexically_normal().string();
  return (std::filesystem::path(base_dir_) / p).lexically_normal().string();
}

void ReadContext::add_override(std::string path, std::string argument) {
  overrides_.emplace_back(std::move(path), std::move(argument));
}

const std::pair<std::string, std::string>* ReadContext::override_at(const std::string& path) const {
  // The last matching one wins, as it does when the overrides are applied.
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
    const std::string& p = it->first;
    if (path.size() >= p.size() && path.compare(0, p.size(), p) == 0 &&
        (path.size() == p.size() || path[p.size()] == '.' || path[p.size()] == '['))
      return &*it;
  }
  return nullptr;
}

Where ReadContext::where(const YAML::Mark& mark, const std::string& path) const {
  Where w{file_, 0, 0, path, ""};
  // A value written by --set has no position in the file: its mark is inside the argument.
  if (override_at(path) != nullptr || mark.is_null() || mark.line < 0) return w;
  w.line = mark.line + 1;
  w.column = mark.column + 1;
  if (static_cast<std::size_t>(mark.line) < lines_.size())
    w.source_line = caret_line(lines_[static_cast<std::size_t>(mark.line)], w.column);
  return w;
}

void ReadContext::error(const YAML::Mark& mark, const std::string& path, std::string message) {
  if (const auto* o = override_at(path)) message += fmt::format(" (from --set {})", o->second);
  out_.error(where(mark, path), std::move(message));
}

// ---------------------------------------------------------------------------------------------
// Free helpers

std::string caret_line(std::string_view line, int column) {
  // A scenario written on one huge line (a generated flow mapping, a nesting bomb) must not
  // repeat that line in every message: cut the tail, or leave the caret out when even the
  // part before the column is too long to show.
  constexpr std::size_t kShown = 160;
  if (line.size() <= 2 * kShown) return std::string(line);
  const auto before = static_cast<std::size_t>(std::max(column - 1, 0));
  if (before > kShown) return "";
  return std::string(line.substr(0, before + kShown / 2)) + " ...";
}

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string unknown_message(std::string_view noun, const std::string& word, const std::vector<std::string>& known,
                            std::string_view lead) {
  std::string message = fmt::format("{} {} '{}'", lead, noun, word);
  if (const std::string best = closest_match(word, known); !best.empty()) {
    message += fmt::format(" (did you mean '{}'?)", best);
  } else if (known.empty()) {
    message += fmt::format(" (none is defined)");
  } else if (known.size() <= 12) {
    message += fmt::format(" (expected one of: {})", fmt::join(known, ", "));
  }
  return message;
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string item_path(const std::string& parent, const YAML::Node& item, std::size_t index) {
  if (item.IsMap()) {
    // A const lookup of a missing key gives an invalid node, which throws unless asked IsDefined.
    const YAML::Node id = item["id"];
    if (id.IsDefined() && id.IsScalar() && is_valid_id(id.Scalar())) return child_path(parent, id.Scalar());
  }
  return fmt::format("{}[{}]", parent, index);
}

// ---------------------------------------------------------------------------------------------
// Located

Located::Located(ReadContext& context, const YAML::Node& node, std::string path, YAML::Mark mark)
    : context_(&context), node_(node), path_(std::move(path)), mark_(mark) {}

Located::Located(ReadContext& context, const YAML::Node& node, std::string path)
    : context_(&context), node_(node), path_(std::move(path)), mark_(node_.Mark()) {}

std::string Located::shape() const {
  if (node_.IsMap()) return "a mapping";
  if (node_.IsSequence()) return "a list";
  if (node_.IsScalar() && node_.Scalar().size() > kMaxQuotedChars) return "a very long value";
  if (node_.IsScalar()) return fmt::format("'{}'", node_.Scalar());
  return "nothing";
}

std::optional<std::string> Located::text() const {
  return scalar_as("a value", [](std::string_view t) { return std::string(t); });
}

std::optional<double> Located::number(double min, double max) const {
  return scalar_as(number_range_text(min, max), [=](std::string_view t) { return parse_number(t, min, max); });
}

std::optional<std::int64_t> Located::integer(std::int64_t min, std::int64_t max) const {
  return scalar_as("a whole number", [=](std::string_view t) { return parse_integer(t, min, max); });
}

std::optional<std::int64_t> Located::resource_amount() const {
  return scalar_as("a whole number of units", parse_resource_amount);
}

std::optional<bool> Located::boolean() const {
  return scalar_as("true or false", [](std::string_view t) {
    if (t == "true") return true;
    if (t == "false") return false;
    throw std::invalid_argument(fmt::format("expected true or false, found '{}'", t));
  });
}

std::optional<SimDuration> Located::duration() const { return scalar_as("a duration such as 30s", parse_duration); }

std::optional<SimDuration> Located::positive_duration() const {
  return scalar_as("a duration such as 30s", [](std::string_view t) {
    const SimDuration d = parse_duration(t);
    if (d.count() <= 0) throw std::invalid_argument(fmt::format("'{}' must be longer than zero", t));
    return d;
  });
}

std::optional<double> Located::size_bytes() const { return scalar_as("a size such as 2MB", parse_size_bytes); }
std::optional<double> Located::bandwidth_bps() const {
  return scalar_as("a bandwidth such as 10Gbps", parse_bandwidth_bps);
}
std::optional<double> Located::data_rate() const {
  return scalar_as("a data rate such as 200MB/s", parse_data_rate_bytes_per_s);
}
std::optional<double> Located::rate_per_s() const { return scalar_as("a rate such as 800/s", parse_rate_per_s); }
std::optional<double> Located::power_watts() const { return scalar_as("a power such as 700W", parse_power_watts); }
std::optional<double> Located::price_per_hour() const {
  return scalar_as("a price such as 3.90/h", parse_price_per_hour);
}
std::optional<double> Located::price_per_byte() const {
  return scalar_as("a price such as 0.02/GB", parse_price_per_byte);
}

std::optional<std::size_t> Located::one_of(std::string_view noun, const std::vector<std::string>& names) const {
  return scalar_as(fmt::format("a {}", noun), [&](std::string_view t) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == t) return i;
    throw std::invalid_argument(unknown_message(noun, std::string(t), names));
  });
}

std::optional<std::string> Located::reference(std::string_view noun, const std::vector<std::string>& known) const {
  const auto index = one_of(noun, known);
  if (!index) return std::nullopt;
  return known[*index];
}

std::vector<Located> Located::items(std::size_t max_items) const {
  std::vector<Located> out;
  if (!node_.IsSequence()) {
    error(fmt::format("expected a list, found {}", shape()));
    return out;
  }
  if (node_.size() > max_items) {
    error(fmt::format("a list of {} items is more than this machine can hold (limit {})", node_.size(), max_items));
    return out;
  }
  std::size_t index = 0;
  for (const YAML::Node& item : node_) {
    out.emplace_back(*context_, item, item_path(path_, item, index), item.IsNull() ? mark_ : item.Mark());
    ++index;
  }
  return out;
}

std::vector<Located::Entry> Located::entries() const {
  std::vector<Entry> out;
  if (!node_.IsMap()) {
    error(fmt::format("expected a mapping, found {}", shape()));
    return out;
  }
  std::map<std::string, int> first_line;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node& key = it->first;
    if (!key.IsScalar()) {
      context_->error(key.Mark(), path_, "a key must be plain text, not a list or mapping");
      continue;
    }
    const std::string name = key.Scalar();
    const std::string path = child_path(path_, name);
    // yaml-cpp keeps both copies of a repeated key and lookups see the first: say so.
    if (const auto seen = first_line.find(name); seen != first_line.end()) {
      context_->error(key.Mark(), path,
                      seen->second > 0 ? fmt::format("key '{}' is given twice (first at line {})", name, seen->second)
                                       : fmt::format("key '{}' is given twice", name));
      continue;
    }
    first_line[name] = key.Mark().line + 1;
    const YAML::Node& value = it->second;
    out.push_back({name, key.Mark(), Located(*context_, value, path, value.IsNull() ? key.Mark() : value.Mark())});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// MapReader

MapReader::MapReader(const Located& map, std::vector<std::string> allowed) : self_(map) {
  if (!map.is_map()) {
    map.error(fmt::format("expected a mapping, found {}", map.shape()));
    return;
  }
  valid_ = true;
  for (auto& entry : map.entries()) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end()) {
      map.context().error(entry.key_mark, entry.value.path(), unknown_message("key", entry.key, allowed));
      continue;
    }
    entries_.push_back(std::move(entry));
  }
}

const Located* MapReader::find(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::optional<Located> MapReader::optional(std::string_view key) const {
  if (const Located* v = find(key)) return *v;
  return std::nullopt;
}

std::optional<Located> MapReader::required(std::string_view key) const {
  if (const Located* v = find(key)) return *v;
  if (valid_) self_.error(fmt::format("missing required key '{}'", key));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// IdSet

std::optional<std::string> IdSet::claim(const MapReader& item) {
  const auto field = item.required("id");
  if (!field) return std::nullopt;
  const auto id = field->text();
  if (!id) return std::nullopt;
  if (!is_valid_id(*id)) {
    field->error(fmt::format("{} id '{}' may use only a-z, 0-9 and '-'", noun_, *id));
    return std::nullopt;
  }
  const int line = field->where().line;
  if (const auto seen = first_line_.find(*id); seen != first_line_.end()) {
    field->error(seen->second > 0
                     ? fmt::format("duplicate {} id '{}' (first defined at line {})", noun_, *id, seen->second)
                     : fmt::format("duplicate {} id '{}'", noun_, *id));
    return std::nullopt;
  }
  first_line_.emplace(*id, line);
  ids_.push_back(*id);
  return *id;
}

std::vector<std::string> IdSet::ids() const { return ids_; }

}  // namespace meridian::scenario
