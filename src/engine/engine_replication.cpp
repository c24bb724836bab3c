// Replication and failover: each dataset has a primary (its home at first) that serves its
// reads, and copies in other regions kept by the replication policy. Shipments are flows on
// the network. When the primary's region fails the dataset is unavailable; after detection
// (and, for a manual failover, once a team is on shift) the most recent copy takes over, at once
// for a live replica or after a restore for a backup. The writes since that copy's recovery
// point are what a region loss exposes (RPO); the time until its data is served again is RTO.
#include <algorithm>

#include "engine/engine.hpp"

namespace meridian {

void Engine::on_replicate(DatasetIndex d) {
  if (now_ >= SimTime{model_.horizon}) return;  // like arrivals, shipments stop at the horizon
  for (std::uint32_t c = 0; c < datasets_[d].copies.size(); ++c) ship(d, c, now_);
  schedule(now_ + replication_->every(), kReplicate, d);
}

void Engine::ship(DatasetIndex d, std::uint32_t c, SimTime at) {
  DatasetState& state = datasets_[d];
  CopyState& copy = state.copies[c];
  // A shipment still on its way is not doubled; nothing moves from or to a region that is down.
  if (copy.shipping || !state.available || !region_up(state.primary) || !region_up(copy.region)) return;
  const DatasetModel& dataset = model_.datasets[d];
  if (!routes_->reachable(state.primary, copy.region)) return;  // cut off: the next period tries again
  const Shipment shipment =
      replication_->plan({at, dataset.size_bytes, dataset.write_rate_bytes_per_s, copy.last_shipment, copy.last_full});
  Transfer transfer;
  transfer.dataset = d;
  transfer.copy = c;
  transfer.full = shipment.full;
  transfer.from = state.primary;
  transfer.to = copy.region;
  transfer.begin = at;
  transfer.bytes = shipment.bytes;
  // Over unlimited links (or with nothing to send) a shipment takes no time worth modelling.
  if (carried_unmetered(state.primary, copy.region, shipment.bytes)) return on_shipment_done(transfer, at);
  copy.flow = start_flow(state.primary, copy.region, shipment.bytes);
  copy.shipping = true;
  transfers_[copy.flow] = transfer;
  schedule_flow_changes();
}

void Engine::on_shipment_done(const Transfer& transfer, SimTime begin) {
  CopyState& copy = datasets_[transfer.dataset].copies[transfer.copy];
  copy.shipping = false;
  copy.last_shipment = begin;  // the copy now holds the data as it was when the shipment began
  if (transfer.full) copy.last_full = begin;
  DatasetTotals& totals = dataset_totals_[transfer.dataset];
  ++totals.shipments;
  totals.replication_bytes += transfer.bytes;
  totals.replication_cost_usd += transfer.bytes * model_.regions[transfer.from].egress_dollars_per_byte;
  if (transfer.bytes > 0.0)
    for (Observer* o : observers_) o->on_transfer(transfer.from, transfer.to, transfer.bytes, begin, now_);
}

void Engine::on_primary_down(RegionIndex r) {
  for (DatasetIndex d = 0; d < datasets_.size(); ++d) {
    DatasetState& state = datasets_[d];
    // Shipments from or to the failed region stop; their copies keep their last recovery point.
    for (CopyState& copy : state.copies) {
      if (!copy.shipping || (state.primary != r && copy.region != r)) continue;
      network_.remove(now_, copy.flow);
      stranded_.erase(std::remove(stranded_.begin(), stranded_.end(), copy.flow), stranded_.end());
      copy.shipping = false;
    }
    if (state.primary != r || !state.available) continue;
    state.available = false;
    candidates_changed();
    state.unavailable_since = now_;
    ++state.incident;
    const DatasetModel& dataset = model_.datasets[d];
    DatasetTotals& totals = dataset_totals_[d];
    ++totals.outages;
    for (Observer* o : observers_) o->on_dataset_unavailable(d, now_);
    // What losing the region would lose: writes since the freshest copy's recovery point; with
    // no copy, everything; with a synchronous replica, nothing.
    double exposed_seconds = to_seconds(now_);
    if (replication_->synchronous() && !state.copies.empty()) exposed_seconds = 0.0;
    else if (!state.copies.empty()) {
      SimTime freshest = state.copies.front().last_shipment;
      for (const CopyState& copy : state.copies) freshest = std::max(freshest, copy.last_shipment);
      exposed_seconds = to_seconds(now_ - freshest);
    }
    const double exposed_bytes = state.copies.empty()
                                     ? dataset.size_bytes
                                     : std::min(dataset.size_bytes, exposed_seconds * dataset.write_rate_bytes_per_s);
    totals.rpo_max_seconds = std::max(totals.rpo_max_seconds, exposed_seconds);
    totals.rpo_max_bytes = std::max(totals.rpo_max_bytes, exposed_bytes);
    if (state.copies.empty()) continue;  // nothing to fail over to: wait for the region
    const SimTime decided = model_.failover.manual ? next_on_shift(now_) : now_;
    if (decided != kSimEnd) schedule(decided + model_.failover.detect, kFailover, d, state.incident);
  }
  schedule_flow_changes();
}

void Engine::on_primary_up(RegionIndex r) {
  // The region returns with its data: whatever failover was pending is no longer needed.
  for (DatasetIndex d = 0; d < datasets_.size(); ++d)
    if (datasets_[d].primary == r && !datasets_[d].available) data_served_again(d);
}

void Engine::on_failover(DatasetIndex d, std::uint32_t incident) {
  DatasetState& state = datasets_[d];
  if (state.available || state.incident != incident) return;
  // The freshest copy in a region that is up; ties to the nearest to the failed primary.
  std::uint32_t best = static_cast<std::uint32_t>(state.copies.size());
  for (std::uint32_t c = 0; c < state.copies.size(); ++c) {
    const CopyState& copy = state.copies[c];
    if (!region_up(copy.region)) continue;
    if (best == state.copies.size() || copy.last_shipment > state.copies[best].last_shipment) best = c;
  }
  if (best == state.copies.size()) return;  // every copy is down too: the data returns with a region
  state.restoring = best;
  if (replication_->kind() == CopyKind::Live) return on_data_restored(d, incident);
  const double seconds = model_.datasets[d].size_bytes * 8.0 / replication_->restore_bps();
  schedule(now_ + *duration_from_seconds(seconds), kDataRestored, d, incident);
}

void Engine::on_data_restored(DatasetIndex d, std::uint32_t incident) {
  DatasetState& state = datasets_[d];
  if (state.available || state.incident != incident) return;
  CopyState& copy = state.copies[state.restoring];
  if (!region_up(copy.region)) return;  // lost its region while restoring: the data returns with one
  // What the copy lacked when the primary failed is gone for good once it takes over.
  DatasetTotals& totals = dataset_totals_[d];
  const DatasetModel& dataset = model_.datasets[d];
  const double lag = replication_->synchronous() ? 0.0 : to_seconds(state.unavailable_since - copy.last_shipment);
  ++totals.failovers;
  totals.lost_seconds += lag;
  totals.lost_bytes += std::min(dataset.size_bytes, lag * dataset.write_rate_bytes_per_s);
  // The copy becomes the primary; the failed primary becomes the copy, to be refreshed when it
  // is back (no failback: the new primary stays).
  std::swap(state.primary, copy.region);
  candidates_changed();
  for (Observer* o : observers_) o->on_dataset_failover(d, state.primary, now_);
  data_served_again(d);
}

void Engine::data_served_again(DatasetIndex d) {
  DatasetState& state = datasets_[d];
  state.available = true;
  candidates_changed();
  ++state.incident;  // pending failover events are stale now
  const double rto = to_seconds(now_ - state.unavailable_since);
  dataset_totals_[d].rto_seconds.push_back(rto);
  dataset_totals_[d].unavailable_seconds += rto;
  dataset_totals_[d].unavailable_s.emplace_back(to_seconds(state.unavailable_since), to_seconds(now_));
  for (Observer* o : observers_) o->on_dataset_available(d, now_);
  retry_unplaced();
}

SimTime Engine::next_on_shift(SimTime t) const {
  const auto on_shift = [&](std::int64_t unix_seconds) {
    for (const TeamModel& team : model_.teams) {
      const LocalClock& clock = model_.clocks[team.region];
      const int minute = static_cast<int>(clock.local_hour(unix_seconds) * 60.0 + 1e-9);
      const int weekday = clock.local_weekday(unix_seconds);
      const bool overnight = team.shift_end_minute <= team.shift_start_minute;
      // The hours after midnight of an overnight shift belong to the day it started.
      const bool early = overnight && minute < team.shift_end_minute;
      const bool late = minute >= team.shift_start_minute && (overnight || minute < team.shift_end_minute);
      const int shift_day = early ? (weekday + 6) % 7 : weekday;
      if ((early || late) && (team.days_mask >> shift_day & 1U)) return true;
    }
    return false;
  };
  const std::int64_t start = model_.start_unix_seconds;
  const double seconds = to_seconds(t);
  if (on_shift(start + static_cast<std::int64_t>(seconds))) return t;
  // Shifts begin on whole minutes: look minute by minute, for up to eight days.
  const auto first_minute = static_cast<std::int64_t>(seconds / 60.0) + 1;
  for (std::int64_t m = first_minute; m < first_minute + 8 * 24 * 60; ++m)
    if (on_shift(start + m * 60)) return SimTime{std::chrono::minutes{m}};
  return kSimEnd;
}

SimDuration Engine::sync_write_wait(const Task& task) const {
  const DatasetIndex d = model_.workloads[task.workload].dataset;
  if (d == kNoDataset || !replication_->synchronous() || datasets_[d].copies.empty()) return SimDuration::zero();
  const DatasetState& state = datasets_[d];
  return 2 * routes_->latency(state.primary, state.copies.front().region);
}

}  // namespace meridian
