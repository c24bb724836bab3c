// `meridian schema`: prints the JSON Schema of the scenario format.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "scenario/schema.hpp"

namespace meridian::cli {

Action add_schema_command(CLI::App& app) {
  app.add_subcommand("schema",
                     "print the JSON Schema of the scenario format (for editors: "
                     "# yaml-language-server: $schema=meridian.schema.json)");
  return [] {
    fmt::print("{}\n", scenario::scenario_schema().dump(2));
    return int{kOk};
  };
}

}  // namespace meridian::cli
