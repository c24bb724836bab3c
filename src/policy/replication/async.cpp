// `async`: a live replica that lags: every `every`, the writes since the last shipment. On
// failover it takes over at once; the writes since its last completed shipment are lost.
#include <memory>

#include "live_replica_policy.hpp"

namespace meridian::policy {
namespace {

class AsyncReplication final : public LiveReplicaPolicy {
 public:
  using LiveReplicaPolicy::LiveReplicaPolicy;
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_async_replication(const PolicyParams& params) {
  return std::make_unique<AsyncReplication>(params);
}

}  // namespace meridian::policy
