// Task data on the network: every input and output transfer is a flow that shares link
// bandwidth with the others (max-min fair, see network/flow_network.hpp), and link faults
// that degrade or cut links, re-routing the flows they touch.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/engine.hpp"

namespace meridian {

namespace {
/// A link without a bandwidth is unlimited.
double channel_capacity(double bandwidth_bps) {
  return bandwidth_bps > 0.0 ? bandwidth_bps : std::numeric_limits<double>::infinity();
}
}  // namespace

bool Engine::carried_unmetered(RegionIndex from, RegionIndex to, double bytes) {
  if (bytes > 0.0 && routes_->bottleneck_bps(from, to) != 0.0) return false;
  if (bytes == 0.0) return true;  // nothing to count: no walk along the route (O(hops) per message)
  path_scratch_.clear();
  routes_->route_hops(from, to, path_scratch_);
  for (const std::uint32_t h : path_scratch_) unmetered_bytes_[h] += bytes;
  return true;
}

FlowId Engine::start_flow(RegionIndex from, RegionIndex to, double bytes) {
  path_scratch_.clear();
  const bool reachable = routes_->reachable(from, to);
  if (reachable) routes_->route_hops(from, to, path_scratch_);
  // A message needs a route even when it is empty: with none, it waits for a link to mend.
  const FlowId flow = network_.start(now_, path_scratch_, reachable ? bytes : std::max(bytes, 1.0));
  if (!reachable) stranded_.push_back(flow);
  if (transfers_.size() <= flow) transfers_.resize(flow + 1);
  transfers_[flow] = Transfer{};
  return flow;
}

void Engine::send(TaskSlot slot, RegionIndex from, RegionIndex to, double bytes, Kind on_arrival) {
  Task& task = tasks_[slot];
  if (from == to) return arrive(slot, on_arrival);
  // Over unlimited links bytes take no time: only the route's latency, and no flow to share.
  if (routes_->reachable(from, to) && carried_unmetered(from, to, bytes)) {
    const SimDuration delay = routes_->latency(from, to);
    task.transferred += delay;
    for (Observer* o : observers_) o->on_transfer(from, to, bytes, now_, now_ + delay);
    if (delay == SimDuration::zero()) return arrive(slot, on_arrival);
    schedule(now_ + delay, on_arrival, slot, task.generation);
    return;
  }
  Transfer& transfer = transfers_[start_flow(from, to, bytes)];
  transfer.slot = slot;
  transfer.task_generation = task.generation;
  transfer.from = from;
  transfer.to = to;
  transfer.begin = now_;
  transfer.bytes = bytes;
  transfer.on_arrival = on_arrival;
  schedule_flow_changes();
}

void Engine::arrive(TaskSlot slot, Kind on_arrival) {
  if (on_arrival == kTaskDelivered) on_delivered(slot);
  else on_returned(slot);
}

void Engine::schedule_flow_changes() {
  network_.take_changed(changed_flows_);
  for (const FlowId flow : changed_flows_) {
    const SimTime drains = network_.drain_time(flow);
    if (drains != kNever) schedule(drains, kFlowDrained, flow, network_.generation(flow));
  }
}

void Engine::on_flow_drained(FlowId flow, std::uint32_t generation) {
  if (!network_.active(flow) || network_.generation(flow) != generation) return;  // rescheduled since
  const Transfer transfer = transfers_[flow];
  network_.remove(now_, flow);
  schedule_flow_changes();
  if (transfer.dataset != kNoDataset) return on_shipment_done(transfer, transfer.begin);
  // The last byte has left; it arrives one route latency later.
  const SimDuration latency = routes_->latency(transfer.from, transfer.to);
  Task& task = tasks_[transfer.slot];
  if (task.generation != transfer.task_generation) return;  // the task moved on meanwhile
  task.transferred += (now_ + latency) - transfer.begin;
  for (Observer* o : observers_) o->on_transfer(transfer.from, transfer.to, transfer.bytes, transfer.begin, now_ + latency);
  if (latency == SimDuration::zero()) return arrive(transfer.slot, transfer.on_arrival);
  schedule(now_ + latency, transfer.on_arrival, transfer.slot, transfer.task_generation);
}

SimDuration Engine::expected_transfer_time(RegionIndex from, RegionIndex to, double bytes) const {
  if (from == to) return SimDuration::zero();
  if (!routes_->reachable(from, to)) return SimDuration::max();
  double share = std::numeric_limits<double>::infinity();
  path_scratch_.clear();
  routes_->route_hops(from, to, path_scratch_);
  for (const std::uint32_t h : path_scratch_) {
    const double flows = static_cast<double>(network_.flows_on(h).size()) + 1.0;
    share = std::min(share, network_.capacity_bps(h) / flows);
  }
  const double seconds = std::isinf(share) ? 0.0 : (share > 0.0 ? bytes * 8.0 / share : 1e12);
  return routes_->latency(from, to) + *duration_from_seconds(std::min(seconds, 1e9));
}

RegionIndex Engine::input_source(const Task& task, RegionIndex r) const {
  const DatasetIndex d = model_.workloads[task.workload].dataset;
  if (d == kNoDataset) return task.origin;
  // While the dataset is served (its primary is up, or a copy has taken over), reads come from
  // the nearest of the primary and its live replicas that is up and can reach r (ties to the
  // primary, then to the lower index). Backups serve nothing until restored.
  const DatasetState& state = datasets_[d];
  if (!state.available) return kNoRegion;
  RegionIndex best = kNoRegion;
  SimDuration best_latency = SimDuration::max();
  const auto consider = [&](RegionIndex replica) {
    if (!region_up(replica) || !routes_->reachable(replica, r)) return;
    const SimDuration latency = routes_->latency(replica, r);
    if (latency < best_latency) {
      best = replica;
      best_latency = latency;
    }
  };
  consider(state.primary);
  if (replication_->kind() == CopyKind::Live)
    for (const CopyState& copy : state.copies) consider(copy.region);
  return best;
}

void Engine::on_link_fault(std::uint32_t f, bool begins) {
  const FaultModel& fault = model_.faults[f];
  auto& active = link_faults_[fault.link];
  if (begins) {
    schedule(now_ + fault.duration, kFaultEnd, f);
    active.push_back(f);
  } else {
    active.erase(std::find(active.begin(), active.end(), f));
  }
  for (Observer* o : observers_) o->on_link_fault(fault.link, now_, begins, !fault.bandwidth_bps);
  apply_link_state(fault.link);
}

void Engine::apply_link_state(std::uint32_t l) {
  bool cut = false;
  double bps = channel_capacity(model_.links[l].bandwidth_bps);
  for (const std::uint32_t f : link_faults_[l]) {
    if (model_.faults[f].bandwidth_bps) bps = std::min(bps, *model_.faults[f].bandwidth_bps);
    else cut = true;
  }
  for (const std::uint32_t h : link_hops_[l]) network_.set_capacity(now_, h, cut ? 0.0 : bps);
  const bool was_cut = !link_usable_[l];
  if (cut != was_cut) {
    link_usable_[l] = !cut;
    candidates_changed();
    const bool all_usable = std::all_of(link_usable_.begin(), link_usable_.end(), [](char u) { return u != 0; });
    if (all_usable) {
      live_routes_.reset();
      routes_ = &model_.topology;
    } else {
      live_routes_ = std::make_unique<Topology>(model_.regions.size(), model_.topology.hops(), &link_usable_);
      routes_ = live_routes_.get();
    }
    reroute_flows(was_cut);
  }
  schedule_flow_changes();
  if (was_cut && !cut) retry_unplaced();  // regions it cut off are reachable again
}

// Moves the flows a cut stopped onto the new routes, and, when a link mends, the flows that had
// no route at all. Flows already on a detour stay there: re-routing a moving flow gains little.
void Engine::reroute_flows(bool link_mended) {
  flow_scratch_.clear();
  for (std::uint32_t l = 0; l < link_usable_.size(); ++l) {
    if (link_usable_[l]) continue;
    for (const std::uint32_t h : link_hops_[l])
      for (const FlowId flow : network_.flows_on(h)) flow_scratch_.push_back(flow);
  }
  if (link_mended) {
    flow_scratch_.insert(flow_scratch_.end(), stranded_.begin(), stranded_.end());
    stranded_.clear();
  }
  std::sort(flow_scratch_.begin(), flow_scratch_.end());
  flow_scratch_.erase(std::unique(flow_scratch_.begin(), flow_scratch_.end()), flow_scratch_.end());
  for (const FlowId flow : flow_scratch_) {
    const Transfer& transfer = transfers_[flow];
    path_scratch_.clear();
    if (routes_->reachable(transfer.from, transfer.to)) routes_->route_hops(transfer.from, transfer.to, path_scratch_);
    else if (std::find(stranded_.begin(), stranded_.end(), flow) == stranded_.end()) stranded_.push_back(flow);
    network_.reroute(now_, flow, path_scratch_);
  }
}

std::vector<double> Engine::channel_bytes() const {
  std::vector<double> bytes(unmetered_bytes_);
  for (ChannelIndex c = 0; c < bytes.size(); ++c) bytes[c] += network_.channel_bytes(now_, c);
  return bytes;
}

}  // namespace meridian
