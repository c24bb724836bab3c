#pragma once
/// The one table of policies: names, documentation, parameters with defaults, and factories.
/// It is the documentation (`meridian policies`), the schema and the validation at once.

#include <memory>
#include <string_view>
#include <vector>

#include "meridian/core/params.hpp"
#include "meridian/policy/placement.hpp"
#include "meridian/policy/queue.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian {

enum class PolicyFamily { Scheduler, LoadBalancer, Queue, Replication };

/// The scenario key of a family (`scheduler`, `load_balancer`, `queue`, `replication`).
std::string_view family_key(PolicyFamily family);

/// One documented parameter and its default (as it would be written in a scenario).
struct ParamSpec {
  std::string_view name;
  std::string_view default_value;
  std::string_view doc;
};

using PlacementFactory = std::unique_ptr<PlacementPolicy> (*)(const PolicyParams&, const PolicyContext&);
using QueueFactory = std::unique_ptr<QueueDiscipline> (*)(const PolicyParams&);
using ReplicationFactory = std::unique_ptr<ReplicationPolicy> (*)(const PolicyParams&);

/// A registered policy. Exactly one factory is set, matching the family.
struct PolicyEntry {
  PolicyFamily family;
  std::string_view name;
  std::string_view summary;
  std::vector<ParamSpec> params;
  PlacementFactory make_placement = nullptr;
  QueueFactory make_queue = nullptr;
  ReplicationFactory make_replication = nullptr;
};

/// Every built-in policy, in the order `meridian policies` lists them.
const std::vector<PolicyEntry>& builtin_policies();

/// The entry for (family, name), or nullptr.
const PolicyEntry* find_policy(PolicyFamily family, std::string_view name);

}  // namespace meridian
