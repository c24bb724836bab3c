#pragma once
/// Dense indices for the things a simulation holds; ids (strings) exist only at the edges.

#include <cstdint>
#include <limits>

namespace meridian {

/// Index of a region in the world, 0..region_count()-1.
using RegionIndex = std::uint32_t;
/// Index of a workload (task stream) in the scenario.
using WorkloadIndex = std::uint32_t;
/// Index of a dataset in the scenario.
using DatasetIndex = std::uint32_t;
/// Slot of a live task in the engine's task table; reused after the task ends.
using TaskSlot = std::uint32_t;

inline constexpr RegionIndex kNoRegion = std::numeric_limits<RegionIndex>::max();
inline constexpr DatasetIndex kNoDataset = std::numeric_limits<DatasetIndex>::max();

}  // namespace meridian
