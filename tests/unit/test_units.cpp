// Strict unit parsing (SPEC section 2): every accepted form and every kind of rejection.

#include <catch2/catch.hpp>

#include <string>

#include "meridian/core/units.hpp"

using namespace meridian;
using Catch::Matchers::Contains;

namespace {
std::string error_of(double (*parse)(std::string_view), std::string_view text) {
  try {
    parse(text);
  } catch (const UnitError& e) {
    return e.what();
  }
  return "(no error)";
}
std::string duration_error(std::string_view text) {
  try {
    parse_duration(text);
  } catch (const UnitError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("durations in every unit", "[units]") {
  CHECK(parse_duration("250us") == std::chrono::microseconds{250});
  CHECK(parse_duration("75ms") == std::chrono::milliseconds{75});
  CHECK(parse_duration("30s") == std::chrono::seconds{30});
  CHECK(parse_duration("15m") == std::chrono::minutes{15});
  CHECK(parse_duration("6h") == std::chrono::hours{6});
  CHECK(parse_duration("2d") == std::chrono::hours{48});
  CHECK(parse_duration("1w") == std::chrono::hours{168});
  CHECK(parse_duration("40ns") == std::chrono::nanoseconds{40});
  CHECK(parse_duration("0s") == SimDuration{0});
  CHECK(parse_duration("1.5h") == std::chrono::minutes{90});
  CHECK(parse_duration("0.1s") == std::chrono::milliseconds{100});
  CHECK(parse_duration(".5s") == std::chrono::milliseconds{500});
}

TEST_CASE("durations are rejected with the expected units named", "[units]") {
  CHECK_THAT(duration_error("30"), Contains("has no unit") && Contains("expected a duration such as 30s") &&
                                       Contains("(units: ns us ms s m h d w)"));
  CHECK_THAT(duration_error("-5s"), Contains("negative"));
  CHECK_THAT(duration_error(".nan"), Contains("not a finite number"));
  CHECK_THAT(duration_error(".inf"), Contains("not a finite number"));
  CHECK_THAT(duration_error("inf"), Contains("not a finite number"));
  CHECK_THAT(duration_error(""), Contains("empty"));
  CHECK_THAT(duration_error("30sx"), Contains("unknown unit 'sx'"));
  CHECK_THAT(duration_error("30 s"), Contains("space") && Contains("'30s'"));
  CHECK_THAT(duration_error("s"), Contains("does not start with a number"));
  CHECK_THAT(duration_error("1.2.3s"), Contains("unknown unit"));
  CHECK_THAT(duration_error("3min"), Contains("unknown unit 'min'"));
  CHECK_THAT(duration_error("1e3s"), Contains("unknown unit"));
  CHECK_THAT(duration_error("+3s"), Contains("does not start with a number"));
  CHECK_THAT(duration_error("20000w"), Contains("292 years"));
  CHECK_THAT(duration_error("99999999999999999999999999999999999999999999d"), Contains("292 years"));
}

TEST_CASE("sizes, decimal and binary", "[units]") {
  CHECK(parse_size_bytes("512B") == 512);
  CHECK(parse_size_bytes("8KB") == 8e3);
  CHECK(parse_size_bytes("2MB") == 2e6);
  CHECK(parse_size_bytes("3GB") == 3e9);
  CHECK(parse_size_bytes("50TB") == 50e12);
  CHECK(parse_size_bytes("1PB") == 1e15);
  CHECK(parse_size_bytes("1KiB") == 1024);
  CHECK(parse_size_bytes("2MiB") == 2.0 * 1024 * 1024);
  CHECK(parse_size_bytes("1GiB") == 1024.0 * 1024 * 1024);
  CHECK(parse_size_bytes("1TiB") == 1024.0 * 1024 * 1024 * 1024);
  CHECK(parse_size_bytes("1PiB") == 1024.0 * 1024 * 1024 * 1024 * 1024);
  CHECK_THAT(error_of(parse_size_bytes, "10Mb"), Contains("unknown unit 'Mb'") && Contains("did you mean '10MB'"));
  CHECK_THAT(error_of(parse_size_bytes, "2048"), Contains("has no unit") && Contains("KiB"));
  CHECK_THAT(error_of(parse_size_bytes, "-1GB"), Contains("negative"));
}

TEST_CASE("bandwidth", "[units]") {
  CHECK(parse_bandwidth_bps("100bps") == 100);
  CHECK(parse_bandwidth_bps("64Kbps") == 64e3);
  CHECK(parse_bandwidth_bps("100Mbps") == 100e6);
  CHECK(parse_bandwidth_bps("400Gbps") == 400e9);
  CHECK(parse_bandwidth_bps("1.6Tbps") == Approx(1.6e12));
  CHECK_THAT(error_of(parse_bandwidth_bps, "0Gbps"), Contains("zero"));
  CHECK_THAT(error_of(parse_bandwidth_bps, "10GB"), Contains("unknown unit 'GB'"));
  CHECK_THAT(error_of(parse_bandwidth_bps, "10"), Contains("expected a bandwidth such as 10Gbps"));
}

TEST_CASE("data rates", "[units]") {
  CHECK(parse_data_rate_bytes_per_s("200MB/s") == 200e6);
  CHECK(parse_data_rate_bytes_per_s("60GB/m") == 1e9);
  CHECK(parse_data_rate_bytes_per_s("36GB/h") == 1e7);
  CHECK(parse_data_rate_bytes_per_s("86.4TB/d") == Approx(1e9));
  CHECK(parse_data_rate_bytes_per_s("1KiB/s") == 1024);
  CHECK_THAT(error_of(parse_data_rate_bytes_per_s, "200MB"), Contains("no '/' part"));
  CHECK_THAT(error_of(parse_data_rate_bytes_per_s, "200MB/w"), Contains("unknown unit '/w'"));
  CHECK_THAT(error_of(parse_data_rate_bytes_per_s, "200"), Contains("has no unit"));
}

TEST_CASE("arrival rates", "[units]") {
  CHECK(parse_rate_per_s("800/s") == 800);
  CHECK(parse_rate_per_s("60/m") == 1);
  CHECK(parse_rate_per_s("20/h") == Approx(20.0 / 3600));
  CHECK(parse_rate_per_s("500/d") == Approx(500.0 / 86400));
  CHECK(parse_rate_per_s("7/w") == Approx(7.0 / 604800));
  CHECK(parse_rate_per_s("0/s") == 0);
  CHECK_THAT(error_of(parse_rate_per_s, "800"), Contains("has no unit") && Contains("/s /m /h /d /w"));
  CHECK_THAT(error_of(parse_rate_per_s, "800/x"), Contains("unknown unit '/x'"));
  CHECK_THAT(error_of(parse_rate_per_s, "800rps"), Contains("no '/' part"));
  CHECK_THAT(error_of(parse_rate_per_s, "-1/s"), Contains("negative"));
  CHECK_THAT(error_of(parse_rate_per_s, ".nan/s"), Contains("not a finite number"));
}

TEST_CASE("power", "[units]") {
  CHECK(parse_power_watts("700W") == 700);
  CHECK(parse_power_watts("1.2kW") == Approx(1200));
  CHECK(parse_power_watts("2MW") == 2e6);
  CHECK_THAT(error_of(parse_power_watts, "700"), Contains("expected a power such as 700W") && Contains("W kW MW"));
  CHECK_THAT(error_of(parse_power_watts, "1.2KW"), Contains("did you mean '1.2kW'"));
}

TEST_CASE("prices", "[units]") {
  CHECK(parse_price_per_hour("3.90/h") == Approx(3.90));
  CHECK(parse_price_per_hour("$3.90/h") == Approx(3.90));
  CHECK(parse_price_per_hour("0.001/s") == Approx(3.6));
  CHECK(parse_price_per_hour("1/m") == Approx(60));
  CHECK(parse_price_per_hour("24/d") == Approx(1));
  CHECK(parse_price_per_byte("0.02/GB") == Approx(0.02e-9));
  CHECK(parse_price_per_byte("1/KiB") == Approx(1.0 / 1024));
  CHECK_THAT(error_of(parse_price_per_hour, "3.90"), Contains("expected a price such as 3.90/h"));
  CHECK_THAT(error_of(parse_price_per_hour, "$-3/h"), Contains("negative"));
  CHECK_THAT(error_of(parse_price_per_byte, "0.02/Gb"), Contains("unknown unit '/Gb'"));
}
