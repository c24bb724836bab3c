// FlowNetwork: incremental max-min fair sharing (see the header). Conventions the interface
// leaves open, settled here:
//  - A flow that has drained (its drain instant reached, or no bytes) takes no bandwidth while it
//    waits for its removal; so does a flow with no path. Both count as rate 0.
//  - A flow whose channels are all unlimited gets rate +infinity: its bytes cross at once, are
//    credited to its channels at that instant, and never enter a channel's load.
//  - A path that lists a channel twice crosses it twice: it uses twice its rate there, and
//    flows_on lists it once per crossing.
#include "network/flow_network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace meridian {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// bits/s times nanoseconds divided by this is bytes.
constexpr double kBitNanosPerByte = 8e9;
/// A flow with at most this many bytes left has drained: float residue of settlement must not
/// keep a finished flow on the wire.
constexpr double kDrainedBytes = 1e-6;
/// Rates this close (relative) count as equal. A reallocation freezes flows in an order that
/// depends on list order, so an unchanged share can come back a few ulps off; treating that as
/// a change would settle the flow and could move its drain time by a rounding nanosecond.
constexpr double kSameRate = 1e-12;

bool same_rate(double a, double b) {
  return a == b || (std::isfinite(a) && std::isfinite(b) && std::abs(a - b) <= kSameRate * std::max(a, b));
}

double elapsed_ns(SimTime from, SimTime to) { return static_cast<double>((to - from).count()); }

}  // namespace

FlowNetwork::FlowNetwork(std::vector<double> capacity_bps) : channels_(capacity_bps.size()) {
  for (std::size_t c = 0; c < capacity_bps.size(); ++c) {
    if (std::isnan(capacity_bps[c]) || capacity_bps[c] < 0)
      throw std::invalid_argument("FlowNetwork: channel " + std::to_string(c) + " has a negative or NaN capacity");
    channels_[c].capacity_bps = capacity_bps[c];
  }
}

// ---------------------------------------------------------------------------------------------
// Events

FlowId FlowNetwork::start(SimTime now, std::span<const ChannelIndex> path, double bytes) {
  check_path(path);
  if (!std::isfinite(bytes) || bytes < 0)
    throw std::invalid_argument("FlowNetwork::start: bytes must be finite and >= 0");

  FlowId id;
  if (free_ids_.empty()) {
    id = static_cast<FlowId>(flows_.size());
    flows_.emplace_back();
  } else {
    id = free_ids_.back();
    free_ids_.pop_back();
  }
  Flow& flow = flows_[id];
  flow.alive = true;
  flow.total_bytes = bytes;
  flow.remaining_at_settle = bytes;
  flow.settled_at = now;
  flow.rate_bps = 0.0;
  flow.drain = kNever;
  attach(id, path, now);
  ++active_flows_;

  // A flow with nothing to move, or nowhere to move it, takes no bandwidth: no one else's share
  // changes, so there is nothing to reallocate.
  if (bytes > kDrainedBytes && !path.empty()) {
    begin_component();
    visit_flow(id);
    reallocate(now);
  }
  update_drain(id, now);
  // A new flow is always reported, and its generation moves past any event still pending for
  // the id's previous owner.
  if (!flow.changed) {
    ++flow.generation;
    mark_changed(id);
  }
  return id;
}

double FlowNetwork::remove(SimTime now, FlowId id) {
  Flow& flow = live_flow(id);
  settle_flow(flow, now);
  const double moved = flow.total_bytes - flow.remaining_at_settle;
  detach(id, now);
  // A flow at rate 0 held no bandwidth, so its departure changes no one's share.
  if (flow.rate_bps > 0) {
    begin_component();
    for (const ChannelIndex c : flow.path) visit_channel(c);
    reallocate(now);
  }
  flow.alive = false;
  flow.changed = false;
  flow.path.clear();
  flow.slot_on_channel.clear();
  free_ids_.push_back(id);
  --active_flows_;
  return moved;
}

void FlowNetwork::reroute(SimTime now, FlowId id, std::span<const ChannelIndex> path) {
  check_path(path);
  Flow& flow = live_flow(id);
  settle_flow(flow, now);
  detach(id, now);
  begin_component();
  // Only a moving flow frees bandwidth on the path it leaves.
  if (flow.rate_bps > 0)
    for (const ChannelIndex c : flow.path) visit_channel(c);
  // The flow keeps its rate on the new path until reallocation says otherwise: if the rate
  // comes out the same, its drain time is still right and nothing is rescheduled.
  attach(id, path, now);
  visit_flow(id);
  reallocate(now);
}

void FlowNetwork::set_capacity(SimTime now, ChannelIndex channel, double bps) {
  if (channel >= channels_.size()) throw std::invalid_argument("FlowNetwork::set_capacity: no such channel");
  if (std::isnan(bps) || bps < 0) throw std::invalid_argument("FlowNetwork::set_capacity: negative or NaN capacity");
  Channel& ch = channels_[channel];
  const bool was_limited = std::isfinite(ch.capacity_bps);
  if (ch.capacity_bps == bps) return;
  ch.capacity_bps = bps;
  if (!was_limited && !limited(channel)) return;
  begin_component();
  if (limited(channel)) {
    visit_channel(channel);
  } else {
    // A channel that became unlimited no longer links its flows, yet each must get a new share.
    for (const FlowId f : ch.flows) visit_flow(f);
  }
  reallocate(now);
}

// ---------------------------------------------------------------------------------------------
// Queries

SimTime FlowNetwork::drain_time(FlowId flow) const { return live_flow(flow).drain; }
std::uint32_t FlowNetwork::generation(FlowId flow) const { return live_flow(flow).generation; }
double FlowNetwork::rate_bps(FlowId flow) const { return live_flow(flow).rate_bps; }
double FlowNetwork::remaining_bytes(SimTime now, FlowId flow) const { return remaining_at(live_flow(flow), now); }
std::span<const ChannelIndex> FlowNetwork::path(FlowId flow) const { return live_flow(flow).path; }

std::vector<FlowId> FlowNetwork::take_changed() {
  std::vector<FlowId> out;
  take_changed(out);
  return out;
}

void FlowNetwork::take_changed(std::vector<FlowId>& out) {
  out.clear();
  // An id can be listed twice (removed, then reused) or belong to a removed flow; the flag
  // says which entries still stand.
  for (const FlowId id : changed_) {
    Flow& flow = flows_[id];
    if (!flow.changed) continue;
    flow.changed = false;
    out.push_back(id);
  }
  changed_.clear();
  std::sort(out.begin(), out.end());
}

std::span<const FlowId> FlowNetwork::flows_on(ChannelIndex channel) const { return channels_.at(channel).flows; }
std::size_t FlowNetwork::channel_count() const { return channels_.size(); }
double FlowNetwork::capacity_bps(ChannelIndex channel) const { return channels_.at(channel).capacity_bps; }

double FlowNetwork::channel_bytes(SimTime now, ChannelIndex channel) const {
  const Channel& ch = channels_.at(channel);
  return ch.bytes_at_settle + ch.load_bps * elapsed_ns(ch.settled_at, now) / kBitNanosPerByte;
}

double FlowNetwork::channel_load_bps(ChannelIndex channel) const { return channels_.at(channel).load_bps; }
std::size_t FlowNetwork::active_flows() const { return active_flows_; }

// ---------------------------------------------------------------------------------------------
// Bookkeeping

FlowNetwork::Flow& FlowNetwork::live_flow(FlowId flow) {
  if (flow >= flows_.size() || !flows_[flow].alive)
    throw std::invalid_argument("FlowNetwork: flow " + std::to_string(flow) + " is not active");
  return flows_[flow];
}

const FlowNetwork::Flow& FlowNetwork::live_flow(FlowId flow) const {
  return const_cast<FlowNetwork*>(this)->live_flow(flow);
}

void FlowNetwork::check_path(std::span<const ChannelIndex> path) const {
  for (const ChannelIndex c : path)
    if (c >= channels_.size())
      throw std::invalid_argument("FlowNetwork: path names channel " + std::to_string(c) + ", which does not exist");
}

bool FlowNetwork::limited(ChannelIndex channel) const { return std::isfinite(channels_[channel].capacity_bps); }

double FlowNetwork::remaining_at(const Flow& flow, SimTime now) const {
  // At its drain instant a flow is done by definition: the drain time was rounded up, so the
  // rate times the elapsed time covers the bytes, up to float noise that must not linger.
  if (flow.remaining_at_settle <= 0 || now >= flow.drain) return 0.0;
  if (flow.rate_bps == 0) return flow.remaining_at_settle;
  const double moved = flow.rate_bps * elapsed_ns(flow.settled_at, now) / kBitNanosPerByte;
  return std::max(0.0, flow.remaining_at_settle - moved);
}

void FlowNetwork::settle_flow(Flow& flow, SimTime now) {
  const double remaining = remaining_at(flow, now);
  if (remaining == 0 && std::isfinite(flow.rate_bps) && flow.rate_bps > 0) {
    // The channels counted rate x time, but a finished flow moved only what it had left (a bit
    // less if it drained before `now`, a hair more if its rounded drain instant was reached):
    // correct them so that they sum what really crossed.
    const double counted = flow.rate_bps * elapsed_ns(flow.settled_at, now) / kBitNanosPerByte;
    const double overcount = counted - flow.remaining_at_settle;
    for (const ChannelIndex c : flow.path) channels_[c].bytes_at_settle -= overcount;
  }
  flow.remaining_at_settle = remaining;
  flow.settled_at = now;
}

void FlowNetwork::settle_channel(Channel& channel, SimTime now) {
  channel.bytes_at_settle += channel.load_bps * elapsed_ns(channel.settled_at, now) / kBitNanosPerByte;
  channel.settled_at = now;
}

void FlowNetwork::attach(FlowId id, std::span<const ChannelIndex> path, SimTime now) {
  Flow& flow = flows_[id];
  // assign() keeps the vectors' capacity, so a reused id does not allocate.
  flow.path.assign(path.begin(), path.end());
  flow.slot_on_channel.resize(path.size());
  const double load = std::isfinite(flow.rate_bps) ? flow.rate_bps : 0.0;
  for (std::uint32_t entry = 0; entry < path.size(); ++entry) {
    Channel& ch = channels_[path[entry]];
    settle_channel(ch, now);
    ch.load_bps += load;
    flow.slot_on_channel[entry] = static_cast<std::uint32_t>(ch.flows.size());
    ch.flows.push_back(id);
    ch.path_entry.push_back(entry);
  }
}

void FlowNetwork::detach(FlowId id, SimTime now) {
  Flow& flow = flows_[id];
  const double load = std::isfinite(flow.rate_bps) ? flow.rate_bps : 0.0;
  for (std::size_t entry = 0; entry < flow.path.size(); ++entry) {
    Channel& ch = channels_[flow.path[entry]];
    settle_channel(ch, now);
    // Swap with the last crossing and pop; the moved crossing learns its new slot.
    const std::uint32_t slot = flow.slot_on_channel[entry];
    const FlowId moved_flow = ch.flows.back();
    const std::uint32_t moved_entry = ch.path_entry.back();
    ch.flows[slot] = moved_flow;
    ch.path_entry[slot] = moved_entry;
    flows_[moved_flow].slot_on_channel[moved_entry] = slot;
    ch.flows.pop_back();
    ch.path_entry.pop_back();
    // Reset an empty channel's load exactly, so add/subtract rounding cannot accumulate.
    ch.load_bps = ch.flows.empty() ? 0.0 : ch.load_bps - load;
  }
}

void FlowNetwork::set_rate(FlowId id, double rate_bps, SimTime now) {
  Flow& flow = flows_[id];
  settle_flow(flow, now);
  // Infinite rates move their bytes at once: they are credited to the channels right away
  // and never enter a channel's load (the channels of such a flow are all unlimited).
  const double old_load = std::isfinite(flow.rate_bps) ? flow.rate_bps : 0.0;
  const double new_load = std::isfinite(rate_bps) ? rate_bps : 0.0;
  const double instant_bytes = std::isfinite(rate_bps) ? 0.0 : flow.remaining_at_settle;
  for (const ChannelIndex c : flow.path) {
    Channel& ch = channels_[c];
    settle_channel(ch, now);
    ch.load_bps += new_load - old_load;
    ch.bytes_at_settle += instant_bytes;
  }
  if (instant_bytes > 0) flow.remaining_at_settle = 0.0;
  flow.rate_bps = rate_bps;
  update_drain(id, now);
}

void FlowNetwork::update_drain(FlowId id, SimTime now) {
  Flow& flow = flows_[id];
  SimTime drain = kNever;
  if (flow.remaining_at_settle <= kDrainedBytes || std::isinf(flow.rate_bps)) {
    drain = now;
  } else if (flow.rate_bps > 0) {
    // Round up, so the flow has moved everything at its drain instant; the factor keeps float
    // noise (an exact 1e9 ns coming out as 1e9 + 1 ulp) from adding a nanosecond.
    const double ns = std::ceil(flow.remaining_at_settle * kBitNanosPerByte / flow.rate_bps * (1 - 1e-12));
    // Beyond the clock's range the flow never drains (kNever); test in double before casting.
    if (ns < 9.2e18) {
      const auto ticks = static_cast<std::int64_t>(ns);
      if (ticks < (kNever - now).count()) drain = now + SimDuration{ticks};
    }
  }
  if (drain == flow.drain) return;
  flow.drain = drain;
  ++flow.generation;
  mark_changed(id);
}

void FlowNetwork::mark_changed(FlowId id) {
  if (flows_[id].changed) return;
  flows_[id].changed = true;
  changed_.push_back(id);
}

// ---------------------------------------------------------------------------------------------
// Reallocation: progressive filling over the component of the flows an event touched.

void FlowNetwork::begin_component() {
  ++epoch_;  // marks from earlier reallocations no longer count as visited
  component_flows_.clear();
  component_channels_.clear();
}

void FlowNetwork::visit_flow(FlowId id) {
  Flow& flow = flows_[id];
  if (flow.visit_mark == epoch_) return;
  flow.visit_mark = epoch_;
  component_flows_.push_back(id);
}

// Unlimited channels are not entered: they never constrain, so flows sharing only them do
// not affect each other's shares, and following them would merge unrelated components.
void FlowNetwork::visit_channel(ChannelIndex channel) {
  Channel& ch = channels_[channel];
  if (!limited(channel) || ch.visit_mark == epoch_) return;
  ch.visit_mark = epoch_;
  ch.residual_bps = ch.capacity_bps;
  ch.unfrozen = 0;
  component_channels_.push_back(channel);
  for (const FlowId f : ch.flows) visit_flow(f);
}

void FlowNetwork::reallocate(SimTime now) {
  gather_component(now);
  fill_progressively();
  for (const FlowId id : component_flows_) {
    const Flow& flow = flows_[id];
    if (!same_rate(flow.new_rate_bps, flow.rate_bps)) set_rate(id, flow.new_rate_bps, now);
  }
}

void FlowNetwork::gather_component(SimTime now) {
  // Breadth-first closure of the seeds: flows -> their limited channels -> the flows on them.
  // component_flows_ is its own queue. Each flow is also readied for the filling on the way,
  // so the component is walked once.
  for (std::size_t next = 0; next < component_flows_.size(); ++next) {
    Flow& flow = flows_[component_flows_[next]];
    // A drained flow (waiting for its removal) and a flow with no path take nothing.
    flow.frozen = flow.path.empty() || remaining_at(flow, now) <= kDrainedBytes;
    // Unfrozen flows that no limited channel ever freezes keep this: they cross only unlimited ones.
    flow.new_rate_bps = flow.frozen ? 0.0 : kInfinity;
    for (const ChannelIndex c : flow.path) {
      if (!limited(c)) continue;
      visit_channel(c);
      if (!flow.frozen) ++channels_[c].unfrozen;
    }
  }
}

void FlowNetwork::fill_progressively() {
  bottlenecks_.clear();
  for (const ChannelIndex c : component_channels_)
    if (channels_[c].unfrozen > 0) {
      update_share(c);
      channels_[c].heap_slot = static_cast<std::uint32_t>(bottlenecks_.size());
      bottlenecks_.push_back(c);
    }
  for (std::size_t slot = bottlenecks_.size() / 2; slot-- > 0;) sift_down(slot);

  while (!bottlenecks_.empty()) {
    const ChannelIndex bottleneck = bottlenecks_.front();
    erase_from_heap(bottleneck);
    Channel& ch = channels_[bottleneck];
    const double share = ch.share_bps;

    // The channel with the smallest fair share saturates: freeze all its unfrozen flows at that
    // share, and take what they use off the other channels they cross.
    for (const FlowId id : ch.flows) {
      Flow& flow = flows_[id];
      if (flow.frozen) continue;
      flow.frozen = true;
      flow.new_rate_bps = share;
      for (const ChannelIndex c : flow.path) {
        if (c == bottleneck || !limited(c)) continue;
        Channel& other = channels_[c];
        other.residual_bps -= share;
        --other.unfrozen;
        if (!other.touched) {
          other.touched = true;
          touched_channels_.push_back(c);
        }
      }
    }
    ch.unfrozen = 0;
    // Re-key each channel whose share moved once, however many of its flows froze.
    for (const ChannelIndex c : touched_channels_) {
      Channel& other = channels_[c];
      other.touched = false;
      if (other.unfrozen == 0) {
        erase_from_heap(c);
      } else {
        update_share(c);
        sift_up(other.heap_slot);
        sift_down(other.heap_slot);
      }
    }
    touched_channels_.clear();
  }
}

// The heap of candidate bottlenecks is indexed (each channel knows its slot), so a channel whose
// share moves is re-keyed in place: the heap never holds more than the component's channels.

void FlowNetwork::update_share(ChannelIndex channel) {
  Channel& ch = channels_[channel];
  // Rounding can leave a saturated channel a hair below zero; a share is never negative.
  ch.share_bps = std::max(0.0, ch.residual_bps) / ch.unfrozen;
}

bool FlowNetwork::fills_first(ChannelIndex a, ChannelIndex b) const {
  // Ties go to the lower channel index, so the order never depends on anything but the input.
  const double share_a = channels_[a].share_bps, share_b = channels_[b].share_bps;
  return share_a < share_b || (share_a == share_b && a < b);
}

void FlowNetwork::place_in_heap(std::size_t slot, ChannelIndex channel) {
  bottlenecks_[slot] = channel;
  channels_[channel].heap_slot = static_cast<std::uint32_t>(slot);
}

void FlowNetwork::sift_up(std::size_t slot) {
  const ChannelIndex moving = bottlenecks_[slot];
  while (slot > 0) {
    const std::size_t parent = (slot - 1) / 2;
    if (!fills_first(moving, bottlenecks_[parent])) break;
    place_in_heap(slot, bottlenecks_[parent]);
    slot = parent;
  }
  place_in_heap(slot, moving);
}

void FlowNetwork::sift_down(std::size_t slot) {
  const ChannelIndex moving = bottlenecks_[slot];
  for (;;) {
    std::size_t child = 2 * slot + 1;
    if (child >= bottlenecks_.size()) break;
    if (child + 1 < bottlenecks_.size() && fills_first(bottlenecks_[child + 1], bottlenecks_[child])) ++child;
    if (!fills_first(bottlenecks_[child], moving)) break;
    place_in_heap(slot, bottlenecks_[child]);
    slot = child;
  }
  place_in_heap(slot, moving);
}

void FlowNetwork::erase_from_heap(ChannelIndex channel) {
  const std::size_t slot = channels_[channel].heap_slot;
  const ChannelIndex last = bottlenecks_.back();
  bottlenecks_.pop_back();
  if (slot == bottlenecks_.size()) return;
  place_in_heap(slot, last);
  sift_up(slot);
  sift_down(channels_[last].heap_slot);
}

}  // namespace meridian
