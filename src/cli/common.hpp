#pragma once
// What the commands share: exit codes and error messages, and scenario file -> checked model
// (both phases).

#include <exception>
#include <string>
#include <vector>

#include "scenario/loader.hpp"
#include "world/model.hpp"

namespace meridian::cli {

enum ExitCode : int { kOk = 0, kRegression = 1, kBadInput = 2, kInternalError = 3 };

/// How a command that ended with an exception exits: its code and the message for stderr.
struct ErrorReport {
  int exit_code = kInternalError;
  std::string message;
};
ErrorReport describe_error(std::exception_ptr error);

/// Loads, overrides and builds a scenario; throws InputError with every problem of both phases.
Model load_model(const std::string& path, const std::vector<scenario::Override>& overrides);

/// Both phases' problems for one file (empty when it is valid).
Diagnostics check_scenario(const std::string& path, const std::vector<scenario::Override>& overrides);

}  // namespace meridian::cli
