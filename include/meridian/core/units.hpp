#pragma once
/// Strict parsing of values written with their units (SPEC section 2). Each function throws
/// UnitError, whose message names the units it expected, when the text does not parse;
/// a bare number where a unit is required is such an error.

#include <stdexcept>
#include <string>
#include <string_view>

#include "meridian/core/time.hpp"

namespace meridian {

/// The text did not parse as the expected kind of quantity.
class UnitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `250us 75ms 30s 15m 6h 2d 1w` (also `ns`); non-negative.
SimDuration parse_duration(std::string_view text);
/// `512B 8KB 2MB 50TB 1PB` (decimal) and `KiB MiB GiB TiB PiB` (binary) -> bytes; non-negative.
double parse_size_bytes(std::string_view text);
/// `100Mbps 10Gbps 400Gbps` (also `bps Kbps Tbps`) -> bits per second; positive.
double parse_bandwidth_bps(std::string_view text);
/// `200MB/s` (any size unit, per `s`, `m`, `h`, `d`) -> bytes per second; non-negative.
double parse_data_rate_bytes_per_s(std::string_view text);
/// `800/s 20/h 500/d` (also `/m`, `/w`) -> events per second; non-negative.
double parse_rate_per_s(std::string_view text);
/// `700W 1.2kW 2MW` -> watts; non-negative.
double parse_power_watts(std::string_view text);
/// `3.90/h` (also `/s`, `/m`, `/d`) -> dollars per hour; non-negative.
double parse_price_per_hour(std::string_view text);
/// `0.02/GB` (any size unit) -> dollars per byte; non-negative.
double parse_price_per_byte(std::string_view text);

}  // namespace meridian
