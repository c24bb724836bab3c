#include "cli_run.hpp"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace meridian::testing {

CommandResult run_meridian(const std::string& args) {
  const std::string command = "cd '" MERIDIAN_SOURCE_DIR "' && '" MERIDIAN_BINARY "' " + args + " 2>&1";
  CommandResult result;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace meridian::testing
