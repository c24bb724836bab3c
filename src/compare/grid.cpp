#include "compare/grid.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "meridian/core/error.hpp"

namespace meridian::compare {

namespace {

[[noreturn]] void bad_vary(std::string_view argument, const std::string& message) {
  throw InputError(Where{"--vary", 0, 0, std::string(argument), ""}, message);
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

VaryAxis parse_vary(std::string_view argument) {
  constexpr const char* kExample = "such as policies.scheduler=least-loaded,random";
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos) bad_vary(argument, fmt::format("expected PATH=V1,V2,..., {}", kExample));
  VaryAxis axis;
  axis.path = trim(argument.substr(0, eq));
  if (axis.path.empty())
    bad_vary(argument, fmt::format("the path before '=' is empty; expected PATH=V1,V2,..., {}", kExample));

  // Split at top-level commas only: a value may be a YAML mapping or list with commas inside.
  const std::string_view values = argument.substr(eq + 1);
  std::string stack;  // open brackets, innermost last
  char quote = 0;
  std::size_t start = 0;
  const auto take = [&](std::size_t end) {
    std::string value = trim(values.substr(start, end - start));
    if (value.empty())
      bad_vary(argument, axis.values.empty() && end == values.size()
                             ? fmt::format("no values after '='; expected PATH=V1,V2,..., {}", kExample)
                             : fmt::format("value {} is empty (two commas in a row, or a comma at an end?)",
                                           axis.values.size() + 1));
    if (std::find(axis.values.begin(), axis.values.end(), value) != axis.values.end())
      bad_vary(argument, fmt::format("value '{}' is given twice", value));
    axis.values.push_back(std::move(value));
    start = end + 1;
  };
  char previous = ',';  // last non-blank character outside quotes; a value starts as after a comma
  for (std::size_t i = 0; i < values.size(); ++i) {
    const char c = values[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == ' ' || c == '\t') continue;
    // As in YAML, a quote opens a quoted scalar only where a scalar starts (so "o'brien" is
    // plain text, and 'a,b' is one value).
    const bool starts_scalar = previous == ',' || previous == '{' || previous == '[' || previous == ':';
    previous = c;
    if ((c == '"' || c == '\'') && starts_scalar) {
      quote = c;
    } else if (c == '{' || c == '[') {
      stack.push_back(c);
    } else if (c == '}' || c == ']') {
      const char open = c == '}' ? '{' : '[';
      if (stack.empty() || stack.back() != open)
        bad_vary(argument, fmt::format("'{}' at position {} of the values closes nothing", c, i + 1));
      stack.pop_back();
    } else if (c == ',' && stack.empty()) {
      take(i);
    }
  }
  if (quote) bad_vary(argument, fmt::format("a {} quote is not closed", quote == '"' ? "double" : "single"));
  if (!stack.empty()) bad_vary(argument, fmt::format("'{}' is not closed", stack.back()));
  take(values.size());
  return axis;
}

void check_axes(const std::vector<VaryAxis>& axes) {
  if (axes.empty())
    throw InputError(Where{"--vary", 0, 0, "", ""},
                     "compare needs at least one --vary PATH=V1,V2,..., such as --vary policies.queue=fifo,backfill");
  for (std::size_t i = 0; i < axes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (axes[i].path == axes[j].path)
        throw InputError(Where{"--vary", 0, 0, axes[i].path, ""},
                         "this path is varied twice; give all its values in one --vary");
}

std::vector<Variant> cartesian_product(const std::vector<VaryAxis>& axes) {
  std::vector<Variant> out;
  if (axes.empty()) return out;
  std::vector<std::size_t> index(axes.size(), 0);  // an odometer over the axes
  while (true) {
    Variant v;
    for (std::size_t k = 0; k < axes.size(); ++k) v.values.push_back(axes[k].values[index[k]]);
    out.push_back(std::move(v));
    std::size_t k = axes.size();
    while (k > 0) {
      --k;
      if (++index[k] < axes[k].values.size()) break;
      index[k] = 0;
      if (k == 0) return out;
    }
  }
}

std::vector<scenario::Override> variant_overrides(const std::vector<VaryAxis>& axes, const Variant& variant,
                                                  const std::vector<scenario::Override>& sets) {
  std::vector<scenario::Override> out = sets;
  for (std::size_t k = 0; k < axes.size(); ++k) out.push_back({axes[k].path, variant.values[k]});
  return out;
}

std::string variant_label(const Variant& variant) {
  std::string out;
  for (std::size_t k = 0; k < variant.values.size(); ++k) out += (k ? " / " : "") + variant.values[k];
  return out;
}

}  // namespace meridian::compare
