// `meridian schema`: the JSON Schema of the scenario format. The shipped scenarios must pass it
// and typical defects of the bad-input corpus must not; the validation is done by Debian's
// python3-jsonschema and python3-yaml (tests/support/validate_schema.py, run by Debian's
// /usr/bin/python3, where those packages install), which tools/setup.sh installs, so a missing
// module fails these tests rather than skipping them.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <sys/wait.h>
#include <vector>

#include "../support/cli_run.hpp"
#include "meridian/policy/registry.hpp"
#include "scenario/schema.hpp"

namespace fs = std::filesystem;
using meridian::testing::run_meridian;

namespace {

/// Writes `meridian schema` output to a file of its own (test cases run in parallel).
fs::path write_schema(const std::string& name) {
  const auto result = run_meridian("schema");
  REQUIRE(result.exit_code == 0);
  fs::create_directories(MERIDIAN_ARTIFACT_DIR);
  const fs::path path = fs::path(MERIDIAN_ARTIFACT_DIR) / name;
  std::ofstream(path) << result.output;
  return path;
}

struct Validation {
  int exit_code = -1;
  std::string output;
};

/// Runs the validator on the given files (paths relative to the repository root).
Validation validate(const fs::path& schema, const std::vector<std::string>& files) {
  std::string command = "cd '" MERIDIAN_SOURCE_DIR "' && /usr/bin/python3 tests/support/validate_schema.py '" +
                        schema.string() + "'";
  for (const auto& f : files) command += " '" + f + "'";
  command += " 2>&1";
  Validation v;
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) v.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return v;
}

std::set<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

}  // namespace

TEST_CASE("meridian schema prints a JSON Schema", "[schema]") {
  const auto result = run_meridian("schema");
  REQUIRE(result.exit_code == 0);
  const auto schema = nlohmann::json::parse(result.output);  // throws (fails) when not JSON
  CHECK(schema.at("$schema") == "http://json-schema.org/draft-07/schema#");
  CHECK(schema.at("type") == "object");
  CHECK(schema.at("additionalProperties") == false);
  CHECK(schema.at("required") == nlohmann::json::array({"meridian", "name", "regions"}));
  // Deterministic: the same bytes every time.
  CHECK(run_meridian("schema").output == result.output);
}

TEST_CASE("every shipped scenario validates against the schema", "[schema]") {
  const fs::path schema = write_schema("schema-shipped.json");
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MERIDIAN_SOURCE_DIR) / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(fs::relative(entry.path(), MERIDIAN_SOURCE_DIR).string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  const auto v = validate(schema, files);
  INFO(v.output);
  CHECK(v.exit_code == 0);
}

TEST_CASE("the schema rejects typical defects of the bad-input corpus", "[schema]") {
  const fs::path schema = write_schema("schema-bad.json");
  // Unknown keys, bare numbers where a unit is required, bad enum values, bad ids, a range.
  const std::vector<std::string> files = {
      "tests/bad_inputs/05-unknown-key-typo.yaml",       "tests/bad_inputs/38-unknown-region-key.yaml",
      "tests/bad_inputs/06-bare-number-duration.yaml",   "tests/bad_inputs/36-bare-number-rate.yaml",
      "tests/bad_inputs/07-bad-unit.yaml",               "tests/bad_inputs/20-unknown-distribution.yaml",
      "tests/bad_inputs/21-unknown-process.yaml",        "tests/bad_inputs/24-unknown-output.yaml",
      "tests/bad_inputs/25-bad-residency-mode.yaml",     "tests/bad_inputs/23-bad-day.yaml",
      "tests/bad_inputs/14-bad-id-chars.yaml",           "tests/bad_inputs/17-amplitude-over-one.yaml",
      "tests/bad_inputs/34-format-version-2.yaml",       "tests/bad_inputs/35-missing-workload-class.yaml",
      "tests/bad_inputs/45-partial-loss-fraction-over-one.yaml",
  };
  for (const auto& file : files) {
    const auto v = validate(schema, {file});
    INFO(v.output);
    CHECK(v.exit_code == 1);
    CHECK(v.output.find(": invalid:") != std::string::npos);
  }
}

TEST_CASE("the schema lists every policy under its family with exactly its parameters", "[schema]") {
  const auto schema = meridian::scenario::scenario_schema();
  const auto& policies = schema.at("properties").at("policies").at("properties");
  std::set<std::string> families;
  for (const auto family : {meridian::PolicyFamily::Scheduler, meridian::PolicyFamily::LoadBalancer,
                            meridian::PolicyFamily::Queue, meridian::PolicyFamily::Replication}) {
    const std::string key(meridian::family_key(family));
    families.insert(key);
    const auto& forms = policies.at(key).at("oneOf");
    REQUIRE(forms.size() == 2);
    const auto& names = forms[0].at("enum");
    const auto& objects = forms[1].at("oneOf");
    std::size_t count = 0;
    for (const auto& entry : meridian::builtin_policies()) {
      if (entry.family != family) continue;
      ++count;
      INFO(key << " " << entry.name);
      CHECK(std::find(names.begin(), names.end(), std::string(entry.name)) != names.end());
      const auto object = std::find_if(objects.begin(), objects.end(), [&](const auto& o) {
        return o.at("properties").at("name").at("const") == std::string(entry.name);
      });
      REQUIRE(object != objects.end());
      std::set<std::string> expected{"name"};
      for (const auto& p : entry.params) expected.insert(std::string(p.name));
      CHECK(keys_of(object->at("properties")) == expected);
      CHECK(object->at("additionalProperties") == false);
      for (const auto& p : entry.params) {
        const auto& param = object->at("properties").at(std::string(p.name));
        CHECK(param.at("description") == std::string(p.doc));
        CHECK(param.at("default").dump() != "null");
        const auto def = param.at("default");
        CHECK((def.is_string() ? def.get<std::string>() : def.dump()) == std::string(p.default_value));
      }
    }
    CHECK(names.size() == count);
    CHECK(objects.size() == count);
  }
  CHECK(families == std::set<std::string>{"scheduler", "load_balancer", "queue", "replication"});
}
