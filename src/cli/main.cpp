// meridian: the command line. Exit codes: 0 ok, 1 regression (compare), 2 bad input or usage,
// 3 internal error.
#include <cstdio>
#include <map>

#include "cli/commands.hpp"
#include "cli/common.hpp"

int main(int argc, char** argv) {
  using namespace meridian::cli;
  CLI::App app{"Meridian: a discrete-event simulator for scheduling AI work across cloud regions", "meridian"};
  app.set_version_flag("--version", std::string("meridian ") + MERIDIAN_VERSION);
  app.require_subcommand(1);
  std::map<CLI::App*, Action> actions;
  const auto add = [&](Action (*adder)(CLI::App&)) {
    Action action = adder(app);
    actions[app.get_subcommands({}).back()] = std::move(action);
  };
  add(add_run_command);
  add(add_validate_command);
  add(add_compare_command);
  add(add_policies_command);
  add(add_report_command);
  add(add_schema_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // --help and --version are successes; every other parse problem is a usage error.
    return code == 0 ? kOk : kBadInput;
  }
  try {
    for (auto& [command, action] : actions)
      if (command->parsed()) return action();
  } catch (...) {
    const ErrorReport report = describe_error(std::current_exception());
    std::fputs(report.message.c_str(), stderr);
    return report.exit_code;
  }
  return kInternalError;
}
