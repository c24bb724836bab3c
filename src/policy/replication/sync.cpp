// `sync`: a live replica that is never behind: each write waits for the replica's
// acknowledgement, one round trip (a task that reads the dataset writes its result back, so it
// pays one), and nothing is lost on failover. Its traffic (the write stream) is accounted as
// shipments every `every`.
#include <memory>

#include "live_replica_policy.hpp"

namespace meridian::policy {
namespace {

class SyncReplication final : public LiveReplicaPolicy {
 public:
  using LiveReplicaPolicy::LiveReplicaPolicy;
  bool synchronous() const override { return true; }
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_sync_replication(const PolicyParams& params) {
  return std::make_unique<SyncReplication>(params);
}

}  // namespace meridian::policy
