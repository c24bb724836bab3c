#pragma once
// What every replication policy with copies reads from its parameters: how many copies, and how
// often it ships to them.
#include <cstdint>

#include "meridian/core/error.hpp"
#include "meridian/core/params.hpp"

namespace meridian::policy {

struct CopySchedule {
  std::uint32_t copies;
  SimDuration every;

  explicit CopySchedule(const PolicyParams& params)
      : copies(static_cast<std::uint32_t>(params.integer("copies"))), every(params.duration("every")) {
    if (params.integer("copies") < 0)
      throw InputError(params.raw("copies").where, "parameter 'copies' must not be negative");
    if (every <= SimDuration::zero()) throw InputError(params.raw("every").where, "parameter 'every' must be positive");
  }
};

}  // namespace meridian::policy
