#pragma once
// Makes a registered placement policy as a scenario would: documented defaults, then overrides.

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>

#include "meridian/policy/registry.hpp"

namespace meridian::testing {

inline std::unique_ptr<PlacementPolicy> make_policy(PolicyFamily family, std::string_view name,
                                                    const std::map<std::string, std::string>& given = {},
                                                    std::uint64_t seed = 1) {
  const PolicyEntry* entry = find_policy(family, name);
  REQUIRE(entry != nullptr);
  REQUIRE(entry->make_placement != nullptr);
  PolicyParams params;
  for (const auto& p : entry->params) params.set(std::string(p.name), {std::string(p.default_value), {}});
  for (const auto& [key, value] : given) params.set(key, {value, {}});
  return entry->make_placement(params, PolicyContext(seed, 0));
}

}  // namespace meridian::testing
