// `meridian report DIR`: (re)builds report.html from a run's outputs.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "report/report.hpp"

namespace meridian::cli {

Action add_report_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("report", "rebuild report.html from a run's outputs");
  cmd->add_option("dir", *dir, "the run's output folder")->required()->check(CLI::ExistingDirectory);
  return [dir] {
    write_report(*dir);
    fmt::print("{}/report.html\n", *dir);
    return int{kOk};
  };
}

}  // namespace meridian::cli
