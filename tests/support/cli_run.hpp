#pragma once
// Running the `meridian` binary as a user would, from tests.

#include <string>

namespace meridian::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs `meridian ARGS` from the repository root (ARGS is shell text: quote what needs it).
CommandResult run_meridian(const std::string& args);

}  // namespace meridian::testing
