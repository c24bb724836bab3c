// `meridian policies`: every registered policy, its parameters and their defaults.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "meridian/policy/registry.hpp"

namespace meridian::cli {

Action add_policies_command(CLI::App& app) {
  app.add_subcommand("policies", "list every registered policy with its parameters and defaults");
  return [] {
    for (const auto family : {PolicyFamily::Scheduler, PolicyFamily::LoadBalancer, PolicyFamily::Queue,
                              PolicyFamily::Replication}) {
      fmt::print("policies.{}:\n", family_key(family));
      for (const auto& entry : builtin_policies()) {
        if (entry.family != family) continue;
        fmt::print("  {:<18} {}\n", entry.name, entry.summary);
        for (const auto& p : entry.params) fmt::print("  {:<18}   {} (default {}): {}\n", "", p.name, p.default_value, p.doc);
      }
    }
    return int{kOk};
  };
}

}  // namespace meridian::cli
