// The one table of built-in policies. A new policy is one file that defines its factory, plus
// one declaration and one row here.
#include <algorithm>

#include "meridian/policy/registry.hpp"

namespace meridian {
namespace policy {
std::unique_ptr<PlacementPolicy> make_origin(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_round_robin(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_random(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_weighted(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_least_loaded(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_latency_aware(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_data_local(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_nearest(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_least_connections(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_power_of_two(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_consistent_hash(const PolicyParams&, const PolicyContext&);
std::unique_ptr<PlacementPolicy> make_latency_spill(const PolicyParams&, const PolicyContext&);
std::unique_ptr<ReplicationPolicy> make_no_replication(const PolicyParams&);
std::unique_ptr<ReplicationPolicy> make_full_backup(const PolicyParams&);
std::unique_ptr<ReplicationPolicy> make_incremental_backup(const PolicyParams&);
std::unique_ptr<ReplicationPolicy> make_differential_backup(const PolicyParams&);
std::unique_ptr<ReplicationPolicy> make_async_replication(const PolicyParams&);
std::unique_ptr<ReplicationPolicy> make_sync_replication(const PolicyParams&);
std::unique_ptr<QueueDiscipline> make_fifo(const PolicyParams&);
std::unique_ptr<QueueDiscipline> make_priority(const PolicyParams&);
std::unique_ptr<QueueDiscipline> make_backfill(const PolicyParams&);
}  // namespace policy

std::string_view family_key(PolicyFamily family) {
  switch (family) {
    case PolicyFamily::Scheduler: return "scheduler";
    case PolicyFamily::LoadBalancer: return "load_balancer";
    case PolicyFamily::Queue: return "queue";
    case PolicyFamily::Replication: return "replication";
  }
  return "?";
}

const std::vector<PolicyEntry>& builtin_policies() {
  using F = PolicyFamily;
  const ParamSpec kCopies{"copies", "1", "copies per dataset, in the nearest regions its residency allows"};
  const ParamSpec kRestoreRate{"restore_rate", "10Gbps", "rate at which a backup is restored on failover"};
  static const std::vector<PolicyEntry> table = {
      {F::Scheduler, "origin", "run in the task's origin region; if not allowed, the nearest allowed one", {},
       policy::make_origin},
      {F::Scheduler, "round-robin", "allowed regions in turn", {}, policy::make_round_robin},
      {F::Scheduler, "random", "a uniformly random allowed region", {}, policy::make_random},
      {F::Scheduler, "weighted", "shares proportional to capacity (smooth weighted round-robin)", {},
       policy::make_weighted},
      {F::Scheduler, "least-loaded",
       "smallest committed fraction of capacity (running + queued + in transit) on the task's scarcest resource",
       {}, policy::make_least_loaded},
      {F::Scheduler, "latency-aware",
       "lowest input transfer time (idle network, from the origin or the dataset's nearest replica) plus expected "
       "wait behind pending work",
       {}, policy::make_latency_aware},
      {F::Scheduler, "data-local",
       "prefers regions with a replica of the task's dataset: expected wait plus the weighted time to move the "
       "input from the nearest replica over the network as loaded now",
       {{"transfer_weight", "1", "seconds of wait one second of expected transfer is worth (0: ignore data)"}},
       policy::make_data_local},

      {F::LoadBalancer, "round-robin", "allowed regions in turn", {}, policy::make_round_robin},
      {F::LoadBalancer, "random", "a uniformly random allowed region", {}, policy::make_random},
      {F::LoadBalancer, "weighted", "shares proportional to capacity (L_i = C_i / sum C)", {},
       policy::make_weighted},
      {F::LoadBalancer, "latency", "nearest healthy region by routed latency from the request's origin", {},
       policy::make_nearest},
      {F::LoadBalancer, "least-connections",
       "fewest open requests (in transit, queued, running) per unit of capacity; ties to the nearest", {},
       policy::make_least_connections},
      {F::LoadBalancer, "power-of-two",
       "two random allowed regions, the one with the smaller committed fraction of capacity; ties to the nearer",
       {}, policy::make_power_of_two},
      {F::LoadBalancer, "consistent-hash",
       "each request's key goes to the first allowed region clockwise on a hash ring; an outage moves only the "
       "failed region's keys",
       {{"keys", "10000", "distinct request keys (users, sessions); each request draws one uniformly"},
        {"vnodes", "160", "virtual nodes per region on the ring (160 as in ketama); more evens the shares"}},
       policy::make_consistent_hash},
      {F::LoadBalancer, "latency-spill",
       "nearest healthy region until its expected queueing delay passes max_wait, then the next nearest",
       {{"max_wait", "250ms", "expected wait (queued and incoming work / capacity) above which a region spills"}},
       policy::make_latency_spill},

      {F::Queue, "fifo", "first come, first served; the head blocks those behind it", {}, nullptr,
       policy::make_fifo},
      {F::Queue, "priority", "highest priority first, FIFO among equals", {}, nullptr, policy::make_priority},
      {F::Queue, "backfill",
       "EASY backfilling: FIFO with a reservation for the head; later tasks start if they do not delay it", {},
       nullptr, policy::make_backfill},

      {F::Replication, "none",
       "no copies: a dataset in a failed region is unavailable until it returns; its recovery point is the start",
       {}, nullptr, nullptr, policy::make_no_replication},
      {F::Replication, "full", "periodic full backups to the nearest regions the residency allows; restored on failover",
       {kCopies, {"every", "1d", "time between backups"}, kRestoreRate}, nullptr, nullptr, policy::make_full_backup},
      {F::Replication, "incremental",
       "periodic backups of what changed since the last backup, a full one every full_every; restored on failover",
       {kCopies, {"every", "1d", "time between backups"}, {"full_every", "1w", "time between full backups"},
        kRestoreRate},
       nullptr, nullptr, policy::make_incremental_backup},
      {F::Replication, "differential",
       "periodic backups of what changed since the last full one, a full one every full_every; restored on failover",
       {kCopies, {"every", "1d", "time between backups"}, {"full_every", "1w", "time between full backups"},
        kRestoreRate},
       nullptr, nullptr, policy::make_differential_backup},
      {F::Replication, "async",
       "a live replica that receives the writes every `every`: takes over at once, loses the writes since",
       {kCopies, {"every", "15m", "time between shipments of the writes (the most a replica lags)"}}, nullptr,
       nullptr, policy::make_async_replication},
      {F::Replication, "sync",
       "a live replica that every write waits for (one round trip): takes over at once, loses nothing",
       {kCopies, {"every", "1m", "granularity at which the write stream's traffic is accounted"}}, nullptr, nullptr,
       policy::make_sync_replication},
  };
  return table;
}

const PolicyEntry* find_policy(PolicyFamily family, std::string_view name) {
  const auto& table = builtin_policies();
  const auto it = std::find_if(table.begin(), table.end(),
                               [&](const PolicyEntry& e) { return e.family == family && e.name == name; });
  return it == table.end() ? nullptr : &*it;
}

}  // namespace meridian
