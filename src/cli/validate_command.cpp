// `meridian validate SCENARIO...`: checks files without running them; every problem, every file.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace meridian::cli {

Action add_validate_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("validate", "check scenario files without running them");
  cmd->add_option("scenarios", *files, "scenario files")->required();
  cmd->add_option("--set", *sets, "override a value before checking: PATH=VALUE");
  return [files, sets] {
    std::vector<scenario::Override> overrides;
    for (const auto& s : *sets) overrides.push_back(scenario::parse_override(s));
    std::size_t problems = 0;
    for (const auto& file : *files) {
      const Diagnostics diagnostics = check_scenario(file, overrides);
      if (diagnostics.empty()) {
        fmt::print("{}: ok\n", file);
      } else {
        std::fputs(diagnostics.format().c_str(), stderr);
        problems += diagnostics.size();
      }
    }
    if (problems == 0) return int{kOk};
    fmt::print(stderr, "{} problem{} found\n", problems, problems == 1 ? "" : "s");
    return int{kBadInput};
  };
}

}  // namespace meridian::cli
