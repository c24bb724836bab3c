#pragma once
// What the live replica policies (async, sync) share: copies, period, and shipping the writes
// since the last shipment.
#include <cstdint>

#include "meridian/core/params.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian::policy {

class LiveReplicaPolicy : public ReplicationPolicy {
 public:
  explicit LiveReplicaPolicy(const PolicyParams& params)
      : copies_(static_cast<std::uint32_t>(params.integer("copies"))), every_(params.duration("every")) {
    if (params.integer("copies") < 0)
      throw InputError(params.raw("copies").where, "parameter 'copies' must not be negative");
    if (every_ <= SimDuration::zero()) throw InputError(params.raw("every").where, "parameter 'every' must be positive");
  }
  std::uint32_t copies() const override { return copies_; }
  CopyKind kind() const override { return CopyKind::Live; }
  SimDuration every() const override { return every_; }
  Shipment plan(const CopyHistory& h) const override { return {written_since(h, h.last_shipment), false}; }

 private:
  std::uint32_t copies_;
  SimDuration every_;
};

}  // namespace meridian::policy
