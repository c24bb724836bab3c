// compare.json and compare.csv, and writing all three files of a comparison.
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "compare/compare_output.hpp"
#include "metrics/atomic_file.hpp"
#include "metrics/format.hpp"

namespace meridian::compare {

namespace {

nlohmann::ordered_json number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(tidy(value)) : nullptr;
}

nlohmann::ordered_json estimate_json(const MeanEstimate& e) {
  nlohmann::ordered_json out;
  out["mean"] = number(e.mean);
  // One replication has no spread to estimate: the interval is unknown, not zero-width.
  out["ci_low"] = e.has_interval() ? number(e.low()) : nullptr;
  out["ci_high"] = e.has_interval() ? number(e.high()) : nullptr;
  out["n"] = e.n;
  return out;
}

const char* worse_name(Direction d) {
  return d == Direction::kHigherIsWorse ? "higher" : d == Direction::kLowerIsWorse ? "lower" : nullptr;
}

// RFC 4180: quote a field that holds a comma, quote or line break; double inner quotes.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{}", tidy(value)) : ""; }

}  // namespace

nlohmann::ordered_json comparison_json(const Comparison& c) {
  nlohmann::ordered_json doc;
  doc["meridian"] = MERIDIAN_VERSION;
  doc["scenario"] = c.scenario;
  doc["replications"] = c.replications;
  doc["confidence"] = kConfidence;
  doc["varied"] = nlohmann::ordered_json::array();
  for (const auto& axis : c.axes) doc["varied"].push_back(axis.path);
  doc["reference"] =
      c.variants.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.variants.front().label);
  // Which way each metric gets worse (null: neutral), for scripts that rank variants.
  nlohmann::ordered_json worse = nlohmann::ordered_json::object();
  for (const auto& path : c.metric_paths) {
    const char* name = worse_name(metric_direction(path));
    worse[path] = name ? nlohmann::ordered_json(name) : nlohmann::ordered_json(nullptr);
  }
  doc["worse_when"] = std::move(worse);
  doc["variants"] = nlohmann::ordered_json::array();
  for (const auto& v : c.variants) {
    nlohmann::ordered_json variant;
    variant["label"] = v.label;
    variant["values"] = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < c.axes.size(); ++k) variant["values"][c.axes[k].path] = v.variant.values[k];
    variant["metrics"] = nlohmann::ordered_json::object();
    for (const auto& m : v.metrics) {
      nlohmann::ordered_json metric = estimate_json(m.value);
      if (m.difference) metric["difference"] = estimate_json(*m.difference);
      variant["metrics"][m.path] = std::move(metric);
    }
    doc["variants"].push_back(std::move(variant));
  }
  return doc;
}

std::string comparison_csv(const Comparison& c) {
  std::string out = "variant";
  for (const auto& axis : c.axes) out.append(",").append(csv_field(axis.path));
  out += ",metric,worse_when,n,mean,ci_low,ci_high,diff_mean,diff_ci_low,diff_ci_high,diff_n\n";
  for (const auto& v : c.variants) {
    std::string prefix = csv_field(v.label);
    for (const auto& value : v.variant.values) prefix.append(",").append(csv_field(value));
    for (const auto& m : v.metrics) {
      const char* worse = worse_name(metric_direction(m.path));
      const auto& e = m.value;
      out += fmt::format("{},{},{},{},{},{},{}", prefix, csv_field(m.path), worse ? worse : "", e.n, csv_number(e.mean),
                         e.has_interval() ? csv_number(e.low()) : "", e.has_interval() ? csv_number(e.high()) : "");
      if (m.difference) {
        const auto& d = *m.difference;
        out += fmt::format(",{},{},{},{}\n", csv_number(d.mean), d.has_interval() ? csv_number(d.low()) : "",
                           d.has_interval() ? csv_number(d.high()) : "", d.n);
      } else {
        out += ",,,,\n";
      }
    }
  }
  return out;
}

std::vector<std::string> write_comparison(const Comparison& c, const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  const std::string json = (fs::path(dir) / "compare.json").string();
  const std::string csv = (fs::path(dir) / "compare.csv").string();
  const std::string html = (fs::path(dir) / "compare.html").string();
  write_file_atomically(json, comparison_json(c).dump(2) + "\n");
  write_file_atomically(csv, comparison_csv(c));
  write_file_atomically(html, comparison_html(c));
  return {json, csv, html};
}

}  // namespace meridian::compare
