// `policies:` and `forecast:`. Policy names and parameters are kept as text here: the policy
// table (phase two) knows which exist and checks them, with the locations kept in the spec.

#include <fmt/format.h>

#include "scenario/section_readers.hpp"

namespace meridian::scenario {
namespace {

/// A parameter value as text: scalars as written, lists and mappings in YAML flow style
/// (the tree guard has bounded their size already).
std::optional<std::string> param_text(const Located& value) {
  if (value.is_scalar()) return value.node().Scalar();
  if (!value.is_map() && !value.is_list()) {
    value.error("parameter has no value");
    return std::nullopt;
  }
  YAML::Emitter out;
  out << YAML::Flow << value.node();
  return std::string(out.c_str());
}

/// `name` or `{name: ..., param: value, ...}`.
PolicyChoice read_choice(const Located& field) {
  PolicyChoice choice;
  choice.where = field.where();
  if (!field.is_map()) {
    if (const auto name = field.scalar_as("a policy name or {name: ..., parameter: value}", [](std::string_view t) {
          if (t.empty()) throw std::invalid_argument("policy name is empty");
          return std::string(t);
        }))
      choice.name = *name;
    return choice;
  }
  bool named = false;
  for (const auto& entry : field.entries()) {
    if (entry.key == "name") {
      if (const auto name = entry.value.text()) choice.name = *name;
      choice.where = entry.value.where();  // so that "unknown scheduler" points at the name
      named = true;
    } else if (const auto text = param_text(entry.value)) {
      // Located at the key: "unknown parameter 'horizn'" points at the name, not its value.
      choice.params.push_back({entry.key, *text, field.context().where(entry.key_mark, entry.value.path())});
    }
  }
  if (!named) field.error("missing required key 'name'");
  return choice;
}

FailoverSpec read_failover(const Located& field) {
  FailoverSpec failover;
  failover.where = field.where();
  const MapReader m(field, {"mode", "detect"});
  if (const auto mode = m.optional("mode")) {
    if (const auto index = mode->one_of("failover mode", {"automatic", "manual"}))
      failover.mode = static_cast<FailoverSpec::Mode>(*index);
  }
  read_into(m, "detect", failover.detect, &Located::duration);
  return failover;
}

}  // namespace

PoliciesSpec read_policies(const Located& map) {
  PoliciesSpec policies;
  const MapReader m(map, {"scheduler", "load_balancer", "queue", "replication", "failover", "residency"});
  if (const auto f = m.optional("scheduler")) policies.scheduler = read_choice(*f);
  if (const auto f = m.optional("load_balancer")) policies.load_balancer = read_choice(*f);
  if (const auto f = m.optional("queue")) policies.queue = read_choice(*f);
  if (const auto f = m.optional("replication")) policies.replication = read_choice(*f);
  if (const auto f = m.optional("failover")) policies.failover = read_failover(*f);
  if (const auto f = m.optional("residency")) {
    if (const auto index = f->one_of("residency mode", {"enforce", "audit"}))
      policies.residency = static_cast<PoliciesSpec::Residency>(*index);
  }
  return policies;
}

ForecastSpec read_forecast(const Located& map) {
  ForecastSpec forecast;
  forecast.where = map.where();
  const MapReader m(map, {"method", "season"});
  if (const auto f = m.optional("method")) {
    if (const auto index = f->one_of("forecast method", {"wma", "ses", "holt-winters"}))
      forecast.method = static_cast<ForecastSpec::Method>(*index);
  }
  read_into(m, "season", forecast.season, &Located::positive_duration);
  return forecast;
}

}  // namespace meridian::scenario
