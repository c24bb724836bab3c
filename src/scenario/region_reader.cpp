// `regions:`: the sites of the simulated world, with their resources, prices, power and carbon.

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"

namespace meridian::scenario {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Checks an IANA zone name against the system's tzdata; suggests the nearest name if not found.
std::optional<std::string> read_timezone(const Located& field) {
  auto name = field.text();
  if (!name) return std::nullopt;
  try {
    date::locate_zone(*name);
    return name;
  } catch (const std::exception&) {
    // Not found (or tzdata unreadable): list the known names for a suggestion, if we can.
  }
  std::vector<std::string> zones;
  try {
    for (const auto& zone : date::get_tzdb().zones) zones.emplace_back(zone.name());
  } catch (const std::exception&) {
  }
  std::string message = fmt::format("unknown time zone '{}'", *name);
  if (const std::string best = closest_match(*name, zones); !best.empty()) {
    message += fmt::format(" (did you mean '{}'?)", best);
  } else {
    message += " (expected an IANA name such as Europe/Paris or America/New_York)";
  }
  field.error(message);
  return std::nullopt;
}

std::optional<LatLon> read_location(const Located& field) {
  const MapReader m(field, {"lat", "lon"});
  if (!m.valid()) return std::nullopt;
  const auto lat = m.required("lat"), lon = m.required("lon");
  const auto lat_value = lat ? lat->number(-90, 90) : std::nullopt;
  const auto lon_value = lon ? lon->number(-180, 180) : std::nullopt;
  if (!lat_value || !lon_value) return std::nullopt;
  return LatLon{*lat_value, *lon_value};
}

/// A resource name used as a key: same grammar as ids, because it appears in key paths,
/// trace column names and `--set` paths.
bool check_resource_name(const Located::Entry& entry) {
  if (is_valid_id(entry.key)) return true;
  entry.value.context().error(entry.key_mark, entry.value.path(),
                              fmt::format("resource name '{}' may use only a-z, 0-9 and '-'", entry.key));
  return false;
}

std::vector<ResourceAmount> read_capacity(const Located& field) {
  std::vector<ResourceAmount> capacity;
  for (const auto& entry : field.entries()) {
    if (!check_resource_name(entry)) continue;
    if (const auto amount = entry.value.resource_amount())
      capacity.push_back({entry.key, *amount, entry.value.where()});
  }
  return capacity;
}

/// The resource names written under `capacity:`, valid amounts or not: a price for a resource
/// whose amount was bad should not be reported a second time as unknown.
std::vector<std::string> written_resources(const Located& capacity) {
  std::vector<std::string> names;
  if (!capacity.is_map()) return names;
  for (auto it = capacity.node().begin(); it != capacity.node().end(); ++it)
    if (it->first.IsScalar()) names.push_back(it->first.Scalar());
  return names;
}

/// A key of `price:` or `power:` must be a resource this region has capacity of.
bool check_has_resource(const Located::Entry& entry, const std::vector<std::string>& capacity) {
  if (std::find(capacity.begin(), capacity.end(), entry.key) != capacity.end()) return true;
  std::string message = unknown_message("resource", entry.key, capacity);
  if (capacity.empty()) message = fmt::format("'{}' is not in this region's capacity (it has none)", entry.key);
  entry.value.context().error(entry.key_mark, entry.value.path(), message);
  return false;
}

std::vector<ResourcePrice> read_prices(const Located& field, const std::vector<std::string>& capacity) {
  std::vector<ResourcePrice> prices;
  for (const auto& entry : field.entries()) {
    if (!check_has_resource(entry, capacity)) continue;
    if (const auto price = entry.value.price_per_hour()) prices.push_back({entry.key, *price, entry.value.where()});
  }
  return prices;
}

PowerSpec read_power(const Located& field, const std::vector<std::string>& capacity) {
  PowerSpec power;
  for (const auto& entry : field.entries()) {
    if (entry.key == "idle") {
      if (const auto v = entry.value.number(0, 1)) power.idle_fraction = *v;
    } else if (entry.key == "pue") {
      if (const auto v = entry.value.number(1, kInfinity)) power.pue = *v;
    } else if (check_has_resource(entry, capacity)) {
      if (const auto watts = entry.value.power_watts())
        power.per_unit.push_back({entry.key, *watts, entry.value.where()});
    }
  }
  return power;
}

RegionSpec read_region(const Located& item, IdSet& ids) {
  RegionSpec region;
  region.where = item.where();
  const MapReader m(item,
                    {"id", "location", "timezone", "jurisdiction", "capacity", "price", "egress", "power", "carbon"});
  if (!m.valid()) return region;
  if (const auto id = ids.claim(m)) region.id = *id;
  if (const auto f = m.optional("location")) region.location = read_location(*f);
  read_into(m, "timezone", region.timezone, read_timezone);
  read_into(m, "jurisdiction", region.jurisdiction, &Located::text);
  std::vector<std::string> resources;
  if (const auto f = m.optional("capacity")) {
    region.capacity = read_capacity(*f);
    resources = written_resources(*f);
  }
  if (const auto f = m.optional("price")) region.price = read_prices(*f, resources);
  read_into(m, "egress", region.egress_dollars_per_byte, &Located::price_per_byte);
  if (const auto f = m.optional("power")) region.power = read_power(*f, resources);
  if (const auto f = m.optional("carbon")) region.carbon = read_carbon(*f);
  return region;
}

}  // namespace

std::vector<RegionSpec> read_regions(const Located& list) {
  std::vector<RegionSpec> regions;
  IdSet ids("region");
  for (const Located& item : list.items(limits::kMaxRegions)) regions.push_back(read_region(item, ids));
  ReadContext& context = list.context();
  context.region_ids = ids.ids();
  for (const auto& region : regions)
    for (const auto& c : region.capacity)
      if (std::find(context.resource_names.begin(), context.resource_names.end(), c.resource) ==
          context.resource_names.end())
        context.resource_names.push_back(c.resource);
  if (regions.empty() && list.is_list()) list.error("at least one region is needed");
  return regions;
}

}  // namespace meridian::scenario
