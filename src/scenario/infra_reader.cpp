// The fixed parts of the world around the regions: `links:`, `datasets:` and `teams:`.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "scenario/iso_time.hpp"
#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"

namespace meridian::scenario {
namespace {

const std::vector<std::string>& day_names() {
  static const std::vector<std::string> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return names;
}

const std::vector<std::string>& full_day_names() {
  static const std::vector<std::string> names{"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
  return names;
}

// ---------------------------------------------------------------------------------------------
// links

/// Reads `between: [a, b]`: two different known regions.
bool read_ends(const Located& field, LinkSpec& link) {
  const auto ends = field.items(limits::kMaxListItems);
  if (!field.is_list()) return false;
  if (ends.size() != 2) {
    field.error(fmt::format("expected two regions [a, b], found {}", ends.size()));
    return false;
  }
  const auto a = ends[0].reference("region", field.context().region_ids);
  const auto b = ends[1].reference("region", field.context().region_ids);
  if (!a || !b) return false;
  if (*a == *b) {
    ends[1].error(fmt::format("a link joins two different regions, not '{}' to itself", *a));
    return false;
  }
  link.a = *a;
  link.b = *b;
  return true;
}

LinkSpec read_link(const Located& item, std::map<std::pair<std::string, std::string>, int>& seen) {
  LinkSpec link;
  link.where = item.where();
  const MapReader m(item, {"between", "latency", "bandwidth", "directed"});
  if (!m.valid()) return link;
  const auto between = m.required("between");
  const bool ends_ok = between && read_ends(*between, link);
  if (const auto f = m.optional("latency")) link.latency = f->duration();
  read_into(m, "bandwidth", link.bandwidth_bps, &Located::bandwidth_bps);
  read_into(m, "directed", link.directed, &Located::boolean);
  if (ends_ok) {
    // An undirected link a-b is the same link as b-a, and also covers a directed a->b.
    auto key = std::make_pair(link.a, link.b);
    if (!link.directed && key.second < key.first) std::swap(key.first, key.second);
    const auto reverse = std::make_pair(key.second, key.first);
    auto clash = seen.find(key);
    if (clash == seen.end() && !link.directed) clash = seen.find(reverse);
    if (clash != seen.end()) {
      between->error(fmt::format("a link between '{}' and '{}' is already defined{}", link.a, link.b,
                                 clash->second > 0 ? fmt::format(" at line {}", clash->second) : ""));
    } else {
      seen.emplace(key, between->where().line);
    }
  }
  return link;
}

// ---------------------------------------------------------------------------------------------
// datasets

std::vector<std::string> read_residency(const Located& field) {
  std::vector<std::string> allowed;
  for (const Located& item : field.items(limits::kMaxListItems))
    if (const auto tag = item.text()) allowed.push_back(*tag);
  return allowed;
}

DatasetSpec read_dataset(const Located& item, IdSet& ids, const std::vector<RegionSpec>& regions) {
  DatasetSpec dataset;
  dataset.where = item.where();
  const MapReader m(item, {"id", "home", "size", "write_rate", "residency"});
  if (!m.valid()) return dataset;
  if (const auto id = ids.claim(m)) dataset.id = *id;
  const auto home = m.required("home");
  if (home) {
    if (const auto region = home->reference("region", item.context().region_ids)) dataset.home = *region;
  }
  if (const auto size = m.required("size")) {
    if (const auto bytes = size->size_bytes()) dataset.size_bytes = *bytes;
  }
  read_into(m, "write_rate", dataset.write_rate_bytes_per_s, &Located::data_rate);
  const auto residency = m.optional("residency");
  if (residency) dataset.residency = read_residency(*residency);

  // The data lives at home, so home must be somewhere the rules let it live.
  if (!dataset.home.empty() && !dataset.residency.empty()) {
    const auto region =
        std::find_if(regions.begin(), regions.end(), [&](const auto& r) { return r.id == dataset.home; });
    if (region != regions.end() && !region->jurisdiction.empty() &&
        std::find(dataset.residency.begin(), dataset.residency.end(), region->jurisdiction) ==
            dataset.residency.end()) {
      residency->error(fmt::format("home region '{}' is in jurisdiction '{}', which this residency does not allow",
                                   dataset.home, region->jurisdiction));
    }
  }
  return dataset;
}

// ---------------------------------------------------------------------------------------------
// teams

std::pair<int, int> parse_shift(std::string_view t) {
  const std::size_t dash = t.find('-');
  const int start = dash == std::string_view::npos ? -1 : parse_clock_minutes(t.substr(0, dash), false);
  const int end = dash == std::string_view::npos ? -1 : parse_clock_minutes(t.substr(dash + 1), true);
  if (start < 0 || end < 0)
    throw std::invalid_argument(
        fmt::format("expected a shift such as \"09:00-18:00\" (local HH:MM-HH:MM), found '{}'", t));
  if (start == end) throw std::invalid_argument(fmt::format("shift '{}' is empty", t));
  return {start, end};
}

int day_index(std::string_view name) {
  for (std::size_t i = 0; i < day_names().size(); ++i)
    if (day_names()[i] == name || full_day_names()[i] == name) return static_cast<int>(i);
  throw std::invalid_argument(unknown_message("day", std::string(name), day_names()));
}

/// "daily", "mon", or a range "mon-fri" (which may wrap: "fri-mon").
std::vector<Weekday> parse_days(std::string_view t) {
  if (t == "daily") return {};
  const std::size_t dash = t.find('-');
  if (dash == std::string_view::npos) return {static_cast<Weekday>(day_index(t))};
  const int first = day_index(t.substr(0, dash)), last = day_index(t.substr(dash + 1));
  std::vector<Weekday> days;
  for (int d = first;; d = (d + 1) % 7) {
    days.push_back(static_cast<Weekday>(d));
    if (d == last) break;
  }
  return days;
}

std::vector<Weekday> read_days(const Located& field) {
  if (!field.is_list()) return field.scalar_as("days such as mon-fri", parse_days).value_or(std::vector<Weekday>{});
  std::vector<Weekday> days;
  for (const Located& item : field.items(limits::kMaxListItems)) {
    const auto day = item.scalar_as("a day such as mon", day_index);
    if (day && std::find(days.begin(), days.end(), static_cast<Weekday>(*day)) == days.end())
      days.push_back(static_cast<Weekday>(*day));
  }
  std::sort(days.begin(), days.end());
  return days;
}

TeamSpec read_team(const Located& item, IdSet& ids) {
  TeamSpec team;
  team.where = item.where();
  const MapReader m(item, {"id", "region", "shift", "days"});
  if (!m.valid()) return team;
  if (const auto id = ids.claim(m)) team.id = *id;
  if (const auto region = m.required("region")) {
    if (const auto ref = region->reference("region", item.context().region_ids)) team.region = *ref;
  }
  if (const auto shift = m.optional("shift")) {
    if (const auto minutes = shift->scalar_as("a shift such as \"09:00-18:00\"", parse_shift)) {
      team.shift_start_minute = minutes->first;
      team.shift_end_minute = minutes->second;
    }
  }
  if (const auto days = m.optional("days")) team.days = read_days(*days);
  return team;
}

}  // namespace

std::vector<LinkSpec> read_links(const Located& list) {
  std::vector<LinkSpec> links;
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const Located& item : list.items(limits::kMaxListItems)) links.push_back(read_link(item, seen));
  return links;
}

std::vector<DatasetSpec> read_datasets(const Located& list, const std::vector<RegionSpec>& regions) {
  std::vector<DatasetSpec> datasets;
  IdSet ids("dataset");
  for (const Located& item : list.items(limits::kMaxListItems)) datasets.push_back(read_dataset(item, ids, regions));
  list.context().dataset_ids = ids.ids();
  return datasets;
}

std::vector<TeamSpec> read_teams(const Located& list) {
  std::vector<TeamSpec> teams;
  IdSet ids("team");
  for (const Located& item : list.items(limits::kMaxListItems)) teams.push_back(read_team(item, ids));
  return teams;
}

}  // namespace meridian::scenario
