#pragma once
// Flow-level network: every transfer is a flow over a path of channels (one direction of a
// link each), and concurrent flows share channel bandwidth by max-min fairness, computed by
// progressive filling. Rates are recomputed only for the connected component of flows (flows
// linked through shared channels) that an event touches, and each flow's bytes are settled
// lazily: a flow's remaining bytes are exact at the instant its rate last changed.
//
// The network knows nothing of events or tasks. After every call that changes rates, the
// caller takes the flows whose drain time moved (`take_changed`) and reschedules them; a
// flow's generation goes up every time its drain time changes, so earlier events for it are
// tombstones (lazy cancellation, as in the engine).

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "meridian/core/time.hpp"

namespace meridian {

using FlowId = std::uint32_t;
using ChannelIndex = std::uint32_t;

/// A flow's drain instant when it is not moving (rate 0: its path is cut or it has no path).
inline constexpr SimTime kNever = kSimEnd;

class FlowNetwork {
 public:
  /// `capacity_bps[c]` is channel c's bandwidth in bits/s; +infinity means unlimited.
  explicit FlowNetwork(std::vector<double> capacity_bps);

  /// Starts moving `bytes` over `path` (channel indices, in order; may be empty only if
  /// `bytes` is 0). Recomputes the shares of the flows it meets.
  FlowId start(SimTime now, std::span<const ChannelIndex> path, double bytes);
  /// Removes a flow that drained (called at its drain time) or that is abandoned (its task
  /// was lost). Returns the bytes it had moved. Its id may be reused afterwards.
  double remove(SimTime now, FlowId flow);
  /// Moves a flow onto another path, keeping the bytes it still has to move. An empty path
  /// means no route for now: the flow waits at rate 0 until it is given a path again.
  void reroute(SimTime now, FlowId flow, std::span<const ChannelIndex> path);
  /// Changes a channel's bandwidth (degradation, repair; 0 = cut: its flows stop moving).
  void set_capacity(SimTime now, ChannelIndex channel, double bps);

  /// Whether the id names a flow in the network now (not removed).
  bool active(FlowId flow) const { return flow < flows_.size() && flows_[flow].alive; }
  /// When the flow will have moved all its bytes at the current rates (kNever at rate 0).
  SimTime drain_time(FlowId flow) const;
  std::uint32_t generation(FlowId flow) const;
  double rate_bps(FlowId flow) const;
  /// Bytes still to move, as of `now`.
  double remaining_bytes(SimTime now, FlowId flow) const;
  std::span<const ChannelIndex> path(FlowId flow) const;

  /// Flows whose drain time changed since the last call (new flows included); cleared by the call.
  std::vector<FlowId> take_changed();
  /// The same, into a vector the caller keeps, so the per-event path allocates nothing.
  void take_changed(std::vector<FlowId>& out);
  /// Flows currently using a channel (in no particular order, but deterministic).
  std::span<const FlowId> flows_on(ChannelIndex channel) const;

  std::size_t channel_count() const;
  double capacity_bps(ChannelIndex channel) const;
  /// Bytes that crossed the channel from time 0 to `now`.
  double channel_bytes(SimTime now, ChannelIndex channel) const;
  /// Sum of the rates of the flows on the channel now, bits/s.
  double channel_load_bps(ChannelIndex channel) const;
  std::size_t active_flows() const;

 private:
  struct Flow {
    std::vector<ChannelIndex> path;
    /// For each path entry, its position in that channel's `flows`, so leaving is O(1).
    std::vector<std::uint32_t> slot_on_channel;
    double total_bytes = 0.0;
    double remaining_at_settle = 0.0;  ///< bytes still to move at `settled_at`
    SimTime settled_at{};
    double rate_bps = 0.0;
    SimTime drain{kNever};
    /// Never reset, not even when the id is reused, so events for an earlier flow stay stale.
    std::uint32_t generation = 0;
    bool alive = false;
    bool changed = false;  ///< listed in changed_ and not taken yet
    // Scratch of one reallocation.
    std::uint64_t visit_mark = 0;
    bool frozen = false;
    double new_rate_bps = 0.0;
  };

  struct Channel {
    double capacity_bps = 0.0;
    /// The flows crossing the channel, one entry per crossing; `path_entry[i]` is which entry
    /// of `flows[i]`'s path this crossing is (a path could list the channel twice).
    std::vector<FlowId> flows;
    std::vector<std::uint32_t> path_entry;
    double bytes_at_settle = 0.0;  ///< bytes crossed up to `settled_at`
    SimTime settled_at{};
    double load_bps = 0.0;  ///< sum of the finite rates of `flows`
    // Scratch of one reallocation.
    std::uint64_t visit_mark = 0;
    double residual_bps = 0.0;    ///< capacity not yet given to frozen flows
    std::uint32_t unfrozen = 0;   ///< crossings by flows whose rate is not fixed yet
    double share_bps = 0.0;       ///< residual_bps / unfrozen: its key in the heap
    std::uint32_t heap_slot = 0;  ///< where it sits in bottlenecks_
    bool touched = false;
  };

  Flow& live_flow(FlowId flow);
  const Flow& live_flow(FlowId flow) const;
  void check_path(std::span<const ChannelIndex> path) const;
  bool limited(ChannelIndex channel) const;

  double remaining_at(const Flow& flow, SimTime now) const;
  void settle_flow(Flow& flow, SimTime now);
  void settle_channel(Channel& channel, SimTime now);
  void attach(FlowId id, std::span<const ChannelIndex> path, SimTime now);
  void detach(FlowId id, SimTime now);
  void set_rate(FlowId id, double rate_bps, SimTime now);
  void update_drain(FlowId id, SimTime now);
  void mark_changed(FlowId id);

  void begin_component();
  void visit_flow(FlowId id);
  void visit_channel(ChannelIndex channel);
  void reallocate(SimTime now);
  void gather_component(SimTime now);
  void fill_progressively();
  void update_share(ChannelIndex channel);
  bool fills_first(ChannelIndex a, ChannelIndex b) const;
  void place_in_heap(std::size_t slot, ChannelIndex channel);
  void sift_up(std::size_t slot);
  void sift_down(std::size_t slot);
  void erase_from_heap(ChannelIndex channel);

  std::vector<Flow> flows_;
  std::vector<Channel> channels_;
  std::vector<FlowId> free_ids_;
  std::vector<FlowId> changed_;
  std::size_t active_flows_ = 0;

  // Scratch reused by every reallocation, so steady-state events do not allocate.
  std::uint64_t epoch_ = 0;
  std::vector<FlowId> component_flows_;
  std::vector<ChannelIndex> component_channels_;
  /// Min-heap of the channels with unfrozen flows, by share: the next one to saturate on top.
  std::vector<ChannelIndex> bottlenecks_;
  std::vector<ChannelIndex> touched_channels_;
};

}  // namespace meridian
