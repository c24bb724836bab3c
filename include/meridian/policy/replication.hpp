#pragma once
/// Replication policies: how each dataset's copies follow its primary. A policy only plans
/// (what to ship, how often, what a copy is); the engine moves the bytes over the network,
/// keeps each copy's recovery point and fails over.

#include <cstdint>

#include "meridian/core/time.hpp"

namespace meridian {

/// What a copy is good for when the primary fails.
enum class CopyKind {
  Live,    ///< a replica that can take over at once (async, sync)
  Backup,  ///< a backup that must first be restored (full, incremental, differential)
};

/// The history of one copy, as a policy plans its next shipment from it.
struct CopyHistory {
  SimTime now{};
  double size_bytes = 0.0;
  double write_rate_bytes_per_s = 0.0;
  SimTime last_shipment{};  ///< when the last completed shipment started (its recovery point)
  SimTime last_full{};      ///< the same, for the last full copy
};

/// One shipment: bytes to move from the primary to the copy.
struct Shipment {
  double bytes = 0.0;
  bool full = false;
};

class ReplicationPolicy {
 public:
  virtual ~ReplicationPolicy() = default;
  /// Copies per dataset, in the nearest regions its residency allows (0: no copies).
  virtual std::uint32_t copies() const = 0;
  virtual CopyKind kind() const = 0;
  /// Every write waits for the replica, so no write is ever lost (and each write pays a round trip).
  virtual bool synchronous() const { return false; }
  /// Period of shipments; for `sync` only the granularity at which its traffic is accounted.
  virtual SimDuration every() const = 0;
  virtual Shipment plan(const CopyHistory& history) const = 0;
  /// Bits per second at which a backup is restored (Backup copies only).
  virtual double restore_bps() const { return 0.0; }
};

/// Data written since `since`, capped at the dataset's size (changes overwrite each other).
inline double written_since(const CopyHistory& h, SimTime since) {
  const double bytes = h.write_rate_bytes_per_s * to_seconds(h.now - since);
  return bytes < h.size_bytes ? bytes : h.size_bytes;
}

}  // namespace meridian
