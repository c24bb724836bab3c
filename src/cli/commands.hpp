#pragma once
// One function per command; each registers its options on the app and returns the action
// that runs it (an exit code).

#include <functional>

#include <CLI/CLI.hpp>

namespace meridian::cli {

using Action = std::function<int()>;

Action add_run_command(CLI::App& app);
Action add_validate_command(CLI::App& app);
Action add_compare_command(CLI::App& app);
Action add_policies_command(CLI::App& app);
Action add_report_command(CLI::App& app);
Action add_schema_command(CLI::App& app);

}  // namespace meridian::cli
