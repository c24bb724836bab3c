#pragma once
// The variants of a comparison: each `--vary PATH=V1,V2,...` is an axis, and the variants are
// every combination of one value per axis (the cartesian product, first axis slowest).

#include <string>
#include <string_view>
#include <vector>

#include "scenario/loader.hpp"

namespace meridian::compare {

/// One `--vary`: a scenario path (the same grammar as --set) and the values it takes.
struct VaryAxis {
  std::string path;
  std::vector<std::string> values;  ///< YAML text each, in the order given
};

/// Parses `PATH=V1,V2,...`, splitting only at commas outside braces, brackets and quotes, so
/// `policies.scheduler={name: x, k: 1},random` has two values. Throws InputError (exit 2) for
/// a missing `=`, an empty path or value, unbalanced brackets or a repeated value.
VaryAxis parse_vary(std::string_view argument);

/// Checks a whole grid: at least one axis, no path varied twice. Throws InputError.
void check_axes(const std::vector<VaryAxis>& axes);

/// One combination: values[k] is the value of axes[k].
struct Variant {
  std::vector<std::string> values;
};

/// Every combination, the last axis changing fastest (like nested loops in --vary order).
std::vector<Variant> cartesian_product(const std::vector<VaryAxis>& axes);

/// The overrides that make a variant: `sets` first, then the varied values (which win).
std::vector<scenario::Override> variant_overrides(const std::vector<VaryAxis>& axes, const Variant& variant,
                                                  const std::vector<scenario::Override>& sets);

/// A short name for tables: the values joined by " / " ("fifo / random").
std::string variant_label(const Variant& variant);

}  // namespace meridian::compare
