// `faults:`: scheduled region outages `{region, at, for}`, link faults `{link: [a, b], at, for,
// bandwidth?}` and random outages `{region: ID or "*", mtbf, mttr, dist?, shape?}`. The keys
// present say which kind an item is; each kind then allows only its own keys. A region fault
// with `fraction` (and optionally `resource`, default gpu) takes that share of the region's
// units out of service instead of the whole region.

#include <fmt/format.h>

#include <algorithm>

#include "scenario/scenario_limits.hpp"
#include "scenario/section_readers.hpp"

namespace meridian::scenario {
namespace {

/// A link fault must name a link of `links:` (either order for an undirected one).
void read_link_ends(const Located& field, const std::vector<LinkSpec>& links, FaultSpec& fault) {
  const auto ends = field.items(limits::kMaxListItems);
  if (!field.is_list()) return;
  if (ends.size() != 2) {
    field.error(fmt::format("expected two regions [a, b], found {}", ends.size()));
    return;
  }
  const auto a = ends[0].reference("region", field.context().region_ids);
  const auto b = ends[1].reference("region", field.context().region_ids);
  if (!a || !b) return;
  const bool exists = std::any_of(links.begin(), links.end(), [&](const LinkSpec& l) {
    return (l.a == *a && l.b == *b) || (!l.directed && l.a == *b && l.b == *a);
  });
  if (!exists) field.error(fmt::format("no link from '{}' to '{}' in 'links'", *a, *b));
  fault.link_a = *a;
  fault.link_b = *b;
}

FaultSpec read_fault(const Located& item, const std::vector<LinkSpec>& links) {
  FaultSpec fault;
  fault.where = item.where();
  if (!item.is_map()) {
    item.error(fmt::format("expected a fault such as {{region: us-east, at: 2d, for: 4h}}, found {}", item.shape()));
    return fault;
  }
  const YAML::Node& node = item.node();
  if (node["link"]) {
    fault.kind = FaultSpec::Kind::LinkFault;
    const MapReader m(item, {"link", "at", "for", "bandwidth"});
    if (const auto f = m.required("link")) read_link_ends(*f, links, fault);
    if (m.required("at")) read_into(m, "at", fault.at, &Located::duration);
    if (m.required("for")) read_into(m, "for", fault.duration, &Located::positive_duration);
    if (const auto f = m.optional("bandwidth")) fault.bandwidth_bps = f->bandwidth_bps();
    return fault;
  }
  const bool random = node["mtbf"] || node["mttr"];
  fault.kind = random ? FaultSpec::Kind::RandomOutage : FaultSpec::Kind::RegionOutage;
  const MapReader m = random ? MapReader(item, {"region", "mtbf", "mttr", "dist", "shape", "fraction", "resource"})
                             : MapReader(item, {"region", "at", "for", "fraction", "resource"});
  if (const auto f = m.required("region")) {
    if (random && f->is_scalar() && f->node().Scalar() == "*") {
      fault.region = "*";
    } else if (const auto region = f->reference("region", item.context().region_ids)) {
      fault.region = *region;
    }
  }
  if (const auto f = m.optional("fraction")) {
    if (const auto share = f->number(0.0, 1.0)) {
      if (*share > 0.0) fault.fraction = share;
      else f->error("a partial loss needs a fraction above 0 (omit 'fraction' for a whole-region outage)");
    }
  }
  if (const auto f = m.optional("resource")) {
    if (!fault.fraction && !m.has("fraction")) f->error("'resource' applies only to a partial loss: add 'fraction'");
    if (const auto name = f->reference("resource", item.context().resource_names)) fault.resource = *name;
  }
  if (random) {
    if (m.required("mtbf")) read_into(m, "mtbf", fault.mtbf, &Located::positive_duration);
    if (m.required("mttr")) read_into(m, "mttr", fault.mttr, &Located::positive_duration);
    if (const auto f = m.optional("dist"))
      if (const auto index = f->one_of("time-to-failure distribution", {"exponential", "weibull"}))
        fault.uptime_dist = static_cast<FaultSpec::UptimeDist>(*index);
    const bool weibull = fault.uptime_dist == FaultSpec::UptimeDist::Weibull;
    if (const auto f = m.optional("shape")) {
      if (!weibull) f->error("'shape' applies only to dist: weibull");
      else if (const auto k = f->number(0.1, 20.0)) fault.weibull_shape = *k;
    } else if (weibull) {
      m.required("shape");
    }
  } else {
    if (m.required("at")) read_into(m, "at", fault.at, &Located::duration);
    if (m.required("for")) read_into(m, "for", fault.duration, &Located::positive_duration);
  }
  return fault;
}

}  // namespace

std::vector<FaultSpec> read_faults(const Located& list, const std::vector<LinkSpec>& links) {
  std::vector<FaultSpec> faults;
  for (const Located& item : list.items(limits::kMaxListItems)) faults.push_back(read_fault(item, links));
  return faults;
}

}  // namespace meridian::scenario
