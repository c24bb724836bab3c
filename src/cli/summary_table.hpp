#pragma once
// The short table `meridian run` prints: the headline metrics of summary.json.

#include <cstdio>

#include <nlohmann/json.hpp>

namespace meridian::cli {

void print_summary_table(std::FILE* out, const nlohmann::ordered_json& summary);

}  // namespace meridian::cli
