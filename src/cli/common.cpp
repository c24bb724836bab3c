#include "cli/common.hpp"

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

Diagnostics check_scenario(const std::string& path, const std::vector<scenario::Override>& overrides) {
  return load_and_build(path, overrides).diagnostics;
}

}  // namespace meridian::cli
