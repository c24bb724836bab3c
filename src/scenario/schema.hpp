#pragma once
// The JSON Schema (draft-07) of the scenario format, for editors (yaml-language-server) and
// for checking files outside meridian. It mirrors the loader (src/scenario/*_reader.cpp): the
// keys each MapReader accepts, the required ones, the unit grammar of src/core/units.cpp, and
// the policy table of builtin_policies() for the names and parameters under `policies:`.

#include <nlohmann/json.hpp>

namespace meridian::scenario {

/// The schema; the same every time (fixed key order), so `meridian schema` output is stable.
nlohmann::ordered_json scenario_schema();

}  // namespace meridian::scenario
