#include "cli/common.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace meridian::cli {

namespace {
struct Checked {
  Model model;
  Diagnostics diagnostics;
};

Checked load_and_build(const std::string& path, const std::vector<scenario::Override>& overrides) {
  scenario::LoadResult loaded = scenario::load_scenario_file(path, overrides);
  Checked out;
  out.diagnostics = std::move(loaded.diagnostics);
  // Phase two runs even after phase-one problems (it skips what they flagged), so one pass of
  // `validate` shows every problem; but a file that is not YAML at all has nothing to build.
  if (!loaded.spec.name.empty() || !loaded.spec.regions.empty()) out.model = build_model(loaded.spec, out.diagnostics);
  return out;
}
}  // namespace

Model load_model(const std::string& path, const std::vector<scenario::Override>& overrides) {
  Checked checked = load_and_build(path, overrides);
  if (!checked.diagnostics.empty()) throw InputError(std::move(checked.diagnostics));
  return std::move(checked.model);
}

ErrorReport describe_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {
    const std::size_t n = e.diagnostics().size();
    return {kBadInput, fmt::format("{}{} problem{} found\n", e.diagnostics().format(), n, n == 1 ? "" : "s")};
  } catch (const std::logic_error& e) {
    return {kInternalError, fmt::format("meridian: internal error: {}\n(please report this with the scenario that "
                                        "caused it)\n",
                                        e.what())};
  } catch (const std::runtime_error& e) {
    // Our runtime errors are about the user's files and folders (unreadable, unwritable).
    return {kBadInput, fmt::format("meridian: {}\n", e.what())};
  } catch (const std::exception& e) {
    return {kInternalError, fmt::format("meridian: internal error: {}\n", e.what())};
  } catch (...) {
    return {kInternalError, "meridian: internal error: an unknown exception\n"};
  }
}

Diagnostics check_scenario(const std::string& path, const std::vector<scenario::Override>& overrides) {
  return load_and_build(path, overrides).diagnostics;
}

}  // namespace meridian::cli
