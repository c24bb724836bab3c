#include "engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <stdexcept>

namespace meridian {

// The queue's window onto one region while it dispatches.
class Engine::Dispatcher final : public DispatchContext {
 public:
  Dispatcher(Engine& engine, RegionIndex region)
      : engine_(engine), region_(region), free_(engine.model_.regions[region].capacity) {
    free_ -= engine.regions_[region].load.allocated;
    free_ -= engine.regions_[region].load.out_of_service;
  }
  SimTime now() const override { return engine_.now_; }
  const Task& task(TaskSlot slot) const override { return engine_.tasks_[slot]; }
  const ResourceVector& free() const override { return free_; }
  std::span<const TaskSlot> running() const override { return engine_.regions_[region_].running; }
  void start(TaskSlot slot) override {
    free_ -= engine_.tasks_[slot].demand;
    engine_.start(slot);
  }

 private:
  Engine& engine_;
  RegionIndex region_;
  ResourceVector free_;
};

namespace {
std::vector<double> channel_capacities(const Topology& topology) {
  std::vector<double> capacity;
  for (const LinkHop& hop : topology.hops())
    capacity.push_back(hop.bandwidth_bps > 0.0 ? hop.bandwidth_bps : std::numeric_limits<double>::infinity());
  return capacity;
}
}  // namespace

Engine::Engine(const Model& model, RunOptions options)
    : model_(model),
      options_(options),
      network_(channel_capacities(model.topology)),
      routes_(&model.topology),
      link_usable_(model.links.size(), 1),
      link_faults_(model.links.size()),
      link_hops_(model.links.size()),
      unmetered_bytes_(model.topology.hops().size(), 0.0),
      channel_bytes_at_warmup_(model.topology.hops().size(), 0.0) {
  const std::size_t n = model_.regions.size();
  for (std::uint32_t h = 0; h < model_.topology.hops().size(); ++h) link_hops_[model_.topology.hops()[h].link].push_back(h);
  if (model_.replication.entry->make_replication)
    replication_ = model_.replication.entry->make_replication(model_.replication.params);
  dataset_totals_.resize(model_.datasets.size());
  for (const DatasetModel& dataset : model_.datasets) {
    DatasetState state;
    state.primary = dataset.home;
    // Every copy starts current: the simulation begins from a replicated state.
    for (const RegionIndex r : dataset.copy_regions) state.copies.push_back(CopyState{r, kSimEpoch, kSimEpoch, false, 0});
    datasets_.push_back(std::move(state));
  }
  for (const LinkHop& hop : model_.topology.hops())
    channel_samples_.push_back(ChannelSample{hop.link, hop.from, hop.to, 0.0, 0.0, 0, 0.0});
  regions_.resize(n);
  totals_.resize(n);
  warmup_snapshot_.resize(n);
  samples_.resize(n);
  meters_.reserve(n);
  load_log_limit_ = std::max<std::size_t>(4096, 8 * n);
  for (RegionIndex r = 0; r < n; ++r) {
    regions_[r].queue = model_.queue.entry->make_queue(model_.queue.params);
    meters_.emplace_back(model_.regions[r], model_.carbon[r], model_.start_unix_seconds, model_.resource_names.size());
  }
  scheduler_ = model_.scheduler.entry->make_placement(model_.scheduler.params,
                                                     PolicyContext(model_.seed, options_.replication, "scheduler"));
  load_balancer_ = model_.load_balancer.entry->make_placement(
      model_.load_balancer.params, PolicyContext(model_.seed, options_.replication, "load_balancer"));
  streams_.reserve(model_.workloads.size());
  for (WorkloadIndex w = 0; w < model_.workloads.size(); ++w) streams_.emplace_back(model_, w, options_.replication);
  for (const auto& f : model_.faults) fault_streams_.emplace_back(model_.seed, options_.replication, f.stream_name);
}

Engine::~Engine() = default;

RunStats Engine::run() {
  const auto wall_start = std::chrono::steady_clock::now();
  for (WorkloadIndex w = 0; w < streams_.size(); ++w) {
    if (const auto first = streams_[w].next_arrival()) {
      queue_.push_recurring(*first, kArrival, w);
      ++active_streams_;
    }
  }
  for (std::uint32_t f = 0; f < model_.faults.size(); ++f) {
    if (model_.faults[f].random) schedule_random_fault(f, true);
    else schedule(SimTime{model_.faults[f].at}, kFaultBegin, f);
  }
  if (replication_ && replication_->every() > SimDuration::zero())
    for (DatasetIndex d = 0; d < datasets_.size(); ++d)
      if (!datasets_[d].copies.empty()) schedule(SimTime{replication_->every()}, kReplicate, d);
  if (model_.warmup > SimDuration::zero()) schedule(SimTime{model_.warmup}, kWarmupEnd, 0);
  schedule(SimTime{model_.horizon}, kHorizonEnd, 0);
  schedule(kSimEpoch, kSample, 0);

  RunStats stats;
  auto last_progress = wall_start;
  while (!queue_.empty() && !draining_done()) {
    const Event event = queue_.pop();
    // With thousands of tasks in flight the next event's task is likely out of the cache: start
    // loading it now, while this event is handled. (With few, it is in the cache: no need.)
    if (tasks_.capacity() > kPrefetchAbove && !queue_.empty()) prefetch_subject(queue_.top());
    if (options_.check_invariants && event.time < now_)
      throw std::logic_error("invariant: time went back from " + std::to_string(now_.time_since_epoch().count()));
    now_ = event.time;
    handle(event);
    ++stats.events;
    fingerprint_ = (fingerprint_ ^ static_cast<std::uint64_t>(event.time.time_since_epoch().count())) * 0x100000001b3ULL;
    fingerprint_ = (fingerprint_ ^ (event.order >> 56) ^ (std::uint64_t{event.subject} << 8)) * 0x100000001b3ULL;
    if (options_.check_invariants) check_invariants(event);
    if (options_.live && (stats.events & 0xffff) == 0) publish_progress(stats.events);
    if (options_.progress && (stats.events & 0x3ffff) == 0) {
      const auto wall_now = std::chrono::steady_clock::now();
      if (wall_now - last_progress > std::chrono::milliseconds(500)) {
        const double wall = std::chrono::duration<double>(wall_now - wall_start).count();
        const double done = std::min(1.0, to_seconds(now_) / std::max(1e-9, to_seconds(model_.horizon)));
        fmt::print(stderr, "\r  simulated {:.2f} h of {:.2f} h  {:.1f} M events/s  ETA {:.0f} s   ",
                   to_seconds(now_) / 3600, to_seconds(model_.horizon) / 3600, stats.events / wall / 1e6,
                   done > 0 ? wall * (1 - done) / done : 0.0);
        last_progress = wall_now;
      }
    }
  }
  if (options_.progress) fmt::print(stderr, "\r{:78}\r", "");
  if (options_.live) publish_progress(stats.events);

  for (RegionIndex r = 0; r < regions_.size(); ++r) {
    meters_[r].advance(now_, regions_[r].load.allocated, region_up(r));
    for (std::size_t k = 0; k < kMaxResources; ++k)
      totals_[r].lost_unit_seconds[k] +=
          static_cast<double>(std::min(regions_[r].load.out_of_service[k], model_.regions[r].capacity[k])) *
          to_seconds(now_ - regions_[r].lost_since);
    if (!region_up(r)) {
      totals_[r].downtime_seconds += to_seconds(now_ - regions_[r].down_since);
      totals_[r].outages_s.emplace_back(to_seconds(regions_[r].down_since), to_seconds(now_));
    }
    totals_[r].measured = meters_[r].totals() - warmup_snapshot_[r];
    totals_[r].window = horizon_snapshot_[r] - warmup_snapshot_[r];  // the run always reaches the horizon
  }
  for (DatasetIndex d = 0; d < datasets_.size(); ++d) {
    DatasetTotals& totals = dataset_totals_[d];
    totals.primary_at_end = datasets_[d].primary;
    if (datasets_[d].available) continue;  // still unavailable: its RTO so far (censored)
    const double rto = to_seconds(now_ - datasets_[d].unavailable_since);
    totals.rto_seconds.push_back(rto);
    totals.unavailable_seconds += rto;
    totals.unavailable_s.emplace_back(to_seconds(datasets_[d].unavailable_since), to_seconds(now_));
  }
  const std::vector<double> carried = channel_bytes();
  const double measured_seconds = to_seconds(now_ - SimTime{model_.warmup});
  channel_totals_.resize(carried.size());
  for (ChannelIndex c = 0; c < carried.size(); ++c) {
    const double bandwidth = model_.topology.hops()[c].bandwidth_bps;
    channel_totals_[c].bytes = carried[c] - channel_bytes_at_warmup_[c];
    channel_totals_[c].utilization =
        bandwidth > 0.0 && measured_seconds > 0.0 ? channel_totals_[c].bytes * 8.0 / (bandwidth * measured_seconds) : 0.0;
  }
  stats.end = now_;
  stats.fingerprint = fingerprint_;
  stats.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return stats;
}

void Engine::handle(const Event& event) {
  switch (static_cast<Kind>(event.phase())) {
    case kArrival: on_arrival(event.subject); return;
    case kFlowDrained: on_flow_drained(event.subject, event.generation); return;
    case kTaskDelivered:
    case kTaskComplete:
    case kTaskReturned:
      if (tasks_[event.subject].generation != event.generation) return;  // cancelled: a tombstone
      if (event.phase() == kTaskDelivered) on_delivered(event.subject);
      else if (event.phase() == kTaskComplete) on_complete(event.subject);
      else on_returned(event.subject);
      return;
    case kFaultBegin: on_fault_begin(event.subject); return;
    case kFailover: on_failover(event.subject, event.generation); return;
    case kDataRestored: on_data_restored(event.subject, event.generation); return;
    case kReplicate: on_replicate(event.subject); return;
    case kFaultEnd: on_fault_end(event.subject); return;
    case kWarmupEnd:
      snapshot_meters(warmup_snapshot_);
      channel_bytes_at_warmup_ = channel_bytes();
      return;
    case kHorizonEnd:
      snapshot_meters(horizon_snapshot_);
      horizon_reached_ = true;
      return;
    case kSample: on_sample(); return;
  }
}

void Engine::on_arrival(WorkloadIndex w) {
  Task task;
  task.id = next_task_id_++;
  streams_[w].fill(task);
  task.counted = task.arrival >= SimTime{model_.warmup};
  task.ready = task.arrival;
  const TaskSlot slot = tasks_.add(task);
  ++arrived_;
  for (Observer* o : observers_) o->on_task_arrived(tasks_[slot]);
  if (const auto next = streams_[w].next_arrival()) queue_.push_recurring(*next, kArrival, w);  // one pending per stream
  else --active_streams_;
  place(slot);
}

const Engine::CandidateSet& Engine::candidates_for(const Task& task) {
  const std::size_t n = regions_.size();
  if (!candidate_cache_valid_) {
    for (const std::size_t i : candidate_cache_used_) candidate_cache_[i].clear();
    candidate_cache_used_.clear();
    candidate_cache_.resize(model_.workloads.size() * n);
    candidates_any_origin_ = true;
    for (RegionIndex r = 1; r < n && candidates_any_origin_; ++r)
      candidates_any_origin_ = routes_->reachable(0, r) && routes_->reachable(r, 0);
    candidate_cache_valid_ = true;
  }
  // Only reachability depends on the origin (a task with no dataset reads from its origin,
  // which is always a source; one with a dataset reads from a replica chosen by region).
  const std::size_t key = task.workload * n + (candidates_any_origin_ ? 0 : task.origin);
  std::vector<CandidateSet>& entries = candidate_cache_[key];
  for (const CandidateSet& entry : entries)
    if (entry.demand == task.demand) return entry;
  constexpr std::size_t kDemandsPerSlot = 16;  // past that (traces of varied demands), compute each time
  if (entries.empty()) candidate_cache_used_.push_back(key);
  CandidateSet& set = entries.size() < kDemandsPerSlot ? entries.emplace_back() : uncached_candidates_;
  const WorkloadModel& workload = model_.workloads[task.workload];
  set.demand = task.demand;
  set.regions.clear();
  set.holds = set.resident = set.reachable = false;
  set.key = &set == &uncached_candidates_ ? 0 : ++candidate_keys_;
  for (RegionIndex r = 0; r < n; ++r) {
    if (!model_.regions[r].capacity.covers(task.demand)) continue;
    set.holds = true;
    if (model_.residency_enforce && !workload.residency_allows[r]) continue;
    set.resident = true;
    // Reachable at all (else the task can never run there), and now (a cut link may mend);
    // its data must be served by a replica that is up and can reach it (else: wait for one).
    if (!model_.topology.reachable(task.origin, r)) continue;
    set.reachable = true;
    if (region_up(r) && routes_->reachable(task.origin, r) && input_source(task, r) != kNoRegion)
      set.regions.push_back(r);
  }
  return set;
}

std::optional<std::span<const RegionIndex>> Engine::load_changes(std::uint64_t& cursor) const {
  const std::uint64_t end = load_log_base_ + load_log_.size();
  const bool covered = load_log_used_ && cursor >= load_log_base_ && cursor <= end;
  const std::uint64_t from = cursor;
  load_log_used_ = true;
  cursor = end;
  load_log_read_ = end;
  if (!covered) return std::nullopt;
  return std::span<const RegionIndex>(load_log_).subspan(static_cast<std::size_t>(from - load_log_base_));
}

void Engine::place(TaskSlot slot) {
  Task& task = tasks_[slot];
  const WorkloadModel& workload = model_.workloads[task.workload];
  // Time parked with no region to go to is waiting for capacity, like time in a queue.
  if (task.state == TaskState::Unplaced) task.waited += now_ - task.ready;
  const CandidateSet& set = candidates_for(task);
  if (set.regions.empty()) {
    if (!set.holds) return fail(slot, FailureReason::NoRegionCanHold);
    if (!set.resident) return fail(slot, FailureReason::ResidencyForbids);
    if (!set.reachable) return fail(slot, FailureReason::Unreachable);
    unplace(task);
    unplaced_.push_back(slot);  // every allowed region is down or cut off: wait for one to come back
    return;
  }
  const Candidates candidates(set.regions);
  deciding_key_ = set.key;
  const RegionIndex r = policy_for(task).choose(task, candidates, *this);
  deciding_key_ = 0;
  if (!std::binary_search(candidates.begin(), candidates.end(), r))
    throw std::logic_error(fmt::format("policy chose region {} for task {}, which is not among the allowed ones", r,
                                       task.id));
  task.region = r;
  RegionLoad& load = regions_[r].load;
  load_changed(r);
  add_pending_work(load, task, +1.0);

  task.state = TaskState::InTransit;
  load.incoming += task.demand;
  ++load.incoming_tasks;
  // The input comes from the task's origin, or from the nearest replica of its dataset. Where
  // the data is local, the task itself still crosses from its origin (a route latency). Where
  // it is not, the data's transfer stands for both: the submission is far quicker.
  const RegionIndex source = input_source(task, r);
  if (source == r) send(slot, task.origin, r, 0.0, kTaskDelivered);
  else send(slot, source, r, workload.input_bytes, kTaskDelivered);
}

void Engine::on_delivered(TaskSlot slot) {
  Task& task = tasks_[slot];
  const RegionIndex r = task.region;
  RegionState& region = regions_[r];
  load_changed(r);
  region.load.incoming -= task.demand;
  --region.load.incoming_tasks;
  if (!region_up(r)) {
    // It went down while the input was on its way: choose again from the origin.
    for (Observer* o : observers_) o->on_task_rerouted(task, now_);
    add_pending_work(region.load, task, -1.0);
    unplace(task);
    place(slot);
    return;
  }
  task.state = TaskState::Queued;
  task.ready = now_;
  region.load.queued += task.demand;
  ++region.load.queued_tasks;
  ++region.arrivals_since_sample;
  for (Observer* o : observers_) o->on_task_queued(task, now_);
  region.queue->push(slot, task);
  dispatch(r);
}

void Engine::dispatch(RegionIndex r) {
  RegionState& region = regions_[r];
  if (!region_up(r) || region.queue->size() == 0) return;
  Dispatcher dispatcher(*this, r);
  region.queue->dispatch(dispatcher);
}

void Engine::start(TaskSlot slot) {
  Task& task = tasks_[slot];
  const RegionIndex r = task.region;
  RegionState& region = regions_[r];
  load_changed(r);
  region.load.queued -= task.demand;
  --region.load.queued_tasks;
  add_pending_work(region.load, task, -1.0);
  change_allocation(r, task.demand, true);
  task.state = TaskState::Running;
  task.waited += now_ - task.ready;
  task.start = now_;
  if (!task.started) {
    task.started = true;
    task.first_start = now_;
  }
  task.running_index = static_cast<std::uint32_t>(region.running.size());
  region.running.push_back(slot);
  ++region.load.running_tasks;
  // A write to a synchronously replicated dataset holds the task until the replica acknowledges
  // (a workload without a dataset writes none: no call for it).
  const WorkloadModel& workload = model_.workloads[task.workload];
  const SimDuration sync_wait = workload.dataset == kNoDataset ? SimDuration::zero() : sync_write_wait(task);
  schedule(now_ + task.remaining() + sync_wait, kTaskComplete, slot, task.generation);
  const bool violation = !workload.residency_allows[r];
  for (Observer* o : observers_) o->on_task_started(task, now_, violation);
}

void Engine::change_allocation(RegionIndex r, const ResourceVector& delta, bool add) {
  RegionState& region = regions_[r];
  meters_[r].advance(now_, region.load.allocated, region_up(r));
  if (add) region.load.allocated += delta;
  else region.load.allocated -= delta;
}

// Adds (sign +1) or removes (-1) a task's remaining work to what a region has pending.
// Only over the scenario's resources: a demand beyond them is 0, and 0 * remaining (+0.0 or
// -0.0) added to a sum changes it only if it were -0.0, which a sum from +0.0 never is.
void Engine::add_pending_work(RegionLoad& load, const Task& task, double sign) const {
  const double remaining = sign * to_seconds(task.remaining());
  const std::size_t resources = std::min(kMaxResources, model_.resource_names.size());
  for (std::size_t k = 0; k < resources; ++k) load.pending_work[k] += static_cast<double>(task.demand[k]) * remaining;
}

void Engine::remove_running(RegionState& region, TaskSlot slot) {
  const std::uint32_t index = tasks_[slot].running_index;
  const TaskSlot moved = region.running.back();
  region.running[index] = moved;
  tasks_[moved].running_index = index;
  region.running.pop_back();
  --region.load.running_tasks;
}

void Engine::on_complete(TaskSlot slot) {
  Task& task = tasks_[slot];
  const RegionIndex r = task.region;
  RegionState& region = regions_[r];
  load_changed(r);
  remove_running(region, slot);
  change_allocation(r, task.demand, false);
  task.cost += meters_[r].cost_per_hour(task.demand) * to_seconds(now_ - task.start) / 3600.0;
  task.saved = task.service;
  task.service_end = now_;

  task.state = TaskState::Returning;
  send(slot, r, task.origin, model_.workloads[task.workload].output_bytes, kTaskReturned);
  dispatch(r);
}

void Engine::on_returned(TaskSlot slot) { finish(slot, tasks_[slot].service_end); }

void Engine::finish(TaskSlot slot, SimTime service_end) {
  ++finished_;
  for (Observer* o : observers_) o->on_task_finished(tasks_[slot], service_end, now_);
  tasks_.remove(slot);
}

void Engine::fail(TaskSlot slot, FailureReason reason) {
  ++failed_;
  for (Observer* o : observers_) o->on_task_failed(tasks_[slot], now_, reason);
  tasks_.remove(slot);
}

void Engine::snapshot_meters(std::vector<MeterTotals>& into) {
  into.resize(regions_.size());
  for (RegionIndex r = 0; r < regions_.size(); ++r) {
    meters_[r].advance(now_, regions_[r].load.allocated, region_up(r));
    into[r] = meters_[r].totals();
  }
}

void Engine::on_sample() {
  for (RegionIndex r = 0; r < regions_.size(); ++r) {
    RegionState& region = regions_[r];
    RegionSample& s = samples_[r];
    s.region = r;
    s.load = &region.load;
    s.arrivals = region.arrivals_since_sample;
    region.arrivals_since_sample = 0;
    s.power_kw = meters_[r].power_kw(region.load.allocated, region_up(r));
    s.cost_per_h = meters_[r].cost_per_hour(region.load.allocated);
    s.carbon_g_per_h = s.power_kw * meters_[r].carbon_g_per_kwh(now_);
  }
  for (Observer* o : observers_) o->on_sample(now_, samples_);
  if (!channel_samples_.empty()) {
    const std::vector<double> carried = channel_bytes();
    for (ChannelIndex c = 0; c < channel_samples_.size(); ++c) {
      ChannelSample& s = channel_samples_[c];
      s.bandwidth_bps = network_.capacity_bps(c);
      s.load_bps = network_.channel_load_bps(c);
      s.flows = static_cast<std::uint32_t>(network_.flows_on(c).size());
      s.bytes = carried[c];
    }
    for (Observer* o : observers_) o->on_link_sample(now_, channel_samples_);
  }
  schedule(now_ + model_.sample_every, kSample, 0);
}

void Engine::check_invariants(const Event& event) const {
  for (RegionIndex r = 0; r < regions_.size(); ++r) {
    const auto& load = regions_[r].load;
    for (std::size_t k = 0; k < kMaxResources; ++k) {
      const auto in_service = std::max<std::int64_t>(0, model_.regions[r].capacity[k] - load.out_of_service[k]);
      if (load.allocated[k] < 0 || load.allocated[k] > in_service)
        throw std::logic_error(fmt::format("invariant: region {} allocates {} of {} units in service of resource {} at t={}ns",
                                           model_.regions[r].id, load.allocated[k], in_service, k,
                                           event.time.time_since_epoch().count()));
    }
    if (!region_up(r) && load.running_tasks != 0)
      throw std::logic_error("invariant: region " + model_.regions[r].id + " is down but runs tasks");
  }
  if (arrived_ != finished_ + failed_ + tasks_.live())
    throw std::logic_error(fmt::format("invariant: {} arrived != {} finished + {} failed + {} in flight", arrived_,
                                       finished_, failed_, tasks_.live()));
}

}  // namespace meridian
