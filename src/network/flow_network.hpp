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

  /// When the flow will have moved all its bytes at the current rates (kNever at rate 0).
  SimTime drain_time(FlowId flow) const;
  std::uint32_t generation(FlowId flow) const;
  double rate_bps(FlowId flow) const;
  /// Bytes still to move, as of `now`.
  double remaining_bytes(SimTime now, FlowId flow) const;
  std::span<const ChannelIndex> path(FlowId flow) const;

  /// Flows whose drain time changed since the last call (new flows included); cleared by the call.
  std::vector<FlowId> take_changed();
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
  // implementation-defined
};

}  // namespace meridian
