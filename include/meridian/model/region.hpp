#pragma once
/// A region: what it is (fixed for the run) and how loaded it is now (changes every event).

#include <array>
#include <string>

#include "meridian/model/resources.hpp"

namespace meridian {

/// The fixed description of a region, from the scenario.
struct RegionInfo {
  std::string id;
  std::string jurisdiction;
  std::string timezone;
  ResourceVector capacity;
  std::array<double, kMaxResources> dollars_per_unit_hour{};
  std::array<double, kMaxResources> watts_per_unit{};
  double idle_fraction = 0.3;  ///< share of full power an idle unit draws
  double pue = 1.0;
  double egress_dollars_per_byte = 0.0;
};

/// What a policy may know of a region's load. Kept per region by the engine, updated in O(1)
/// per task transition, so that a policy reads it without scanning tasks.
struct RegionLoad {
  bool up = true;
  ResourceVector allocated;        ///< held by running tasks
  ResourceVector queued;           ///< demand of tasks in the queue
  ResourceVector incoming;         ///< demand of tasks whose input is on its way here
  ResourceVector out_of_service;   ///< units a partial loss has taken away (may exceed capacity when losses overlap)
  std::array<double, kMaxResources> pending_work{};  ///< unit-seconds of work queued or on its way
  std::uint32_t running_tasks = 0;
  std::uint32_t queued_tasks = 0;
  std::uint32_t incoming_tasks = 0;
};

}  // namespace meridian
