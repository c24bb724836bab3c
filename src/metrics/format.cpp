#include "metrics/format.hpp"

#include <chrono>
#include <date/date.h>

namespace meridian {

std::string format_utc(std::int64_t unix_seconds) {
  const date::sys_seconds instant{std::chrono::seconds{unix_seconds}};
  return date::format("%Y-%m-%dT%H:%M:%SZ", instant);
}

}  // namespace meridian
