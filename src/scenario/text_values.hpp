#pragma once
// Plain numbers as written in scenarios and data files, parsed strictly: the whole text must be
// the number, NaN and infinities are refused, and the range is part of the request. Each
// throws std::invalid_argument with a message meant for the user.

#include <cstdint>
#include <string>
#include <string_view>

namespace meridian::scenario {

/// A finite decimal number in [min, max] (max may be infinity).
double parse_number(std::string_view text, double min, double max);
/// A whole number in [min, max].
std::int64_t parse_integer(std::string_view text, std::int64_t min, std::int64_t max);
/// An amount of one resource (capacity, demand, trace processors): a whole number from 0 to
/// limits::kMaxUnits, past which the message says it is more than this machine can hold.
std::int64_t parse_resource_amount(std::string_view text);
/// "a number from 0 to 1", "a number >= 0": how messages describe a range.
std::string number_range_text(double min, double max);

}  // namespace meridian::scenario
