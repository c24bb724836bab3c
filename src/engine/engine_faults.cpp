// Faults: region failures and repairs (what an outage does to the work in and on its way to a
// region) here; link faults in engine_network.cpp.
#include "engine/engine.hpp"

namespace meridian {

void Engine::on_fault_begin(std::uint32_t f) {
  if (model_.faults[f].on_link) on_link_fault(f, true);
  else on_region_down(f);
}

void Engine::on_fault_end(std::uint32_t f) {
  if (model_.faults[f].on_link) on_link_fault(f, false);
  else on_region_up(f);
}

void Engine::on_region_down(std::uint32_t f) {
  const FaultModel& fault = model_.faults[f];
  const RegionIndex r = fault.region;
  const SimDuration repair =
      fault.random ? *duration_from_seconds(fault_streams_[f].exponential(to_seconds(fault.mttr))) : fault.duration;
  schedule(now_ + repair, kFaultEnd, f);
  RegionState& region = regions_[r];
  if (region.down_count++ > 0) return;  // already down: overlapping outages merge
  meters_[r].advance(now_, region.load.allocated, true);
  region.down_since = now_;
  region.load.up = false;
  ++totals_[r].outages;
  for (Observer* o : observers_) o->on_region_down(r, now_);
  interrupt_region(r);
}

void Engine::interrupt_region(RegionIndex r) {
  RegionState& region = regions_[r];
  const auto gpu = model_.resource_index("gpu");
  scratch_slots_.assign(region.running.begin(), region.running.end());
  for (const TaskSlot slot : scratch_slots_) {
    Task& task = tasks_[slot];
    const SimDuration progress = task.saved + (now_ - task.start);
    const auto& every = model_.workloads[task.workload].checkpoint_every;
    SimDuration kept = task.saved;
    if (every && every->count() > 0) kept = std::max(kept, (progress / *every) * *every);
    const SimDuration lost = progress - kept;
    if (gpu) totals_[r].work_lost_gpu_hours += to_seconds(lost) / 3600.0 * static_cast<double>(task.demand[*gpu]);
    task.cost += meters_[r].cost_per_hour(task.demand) * to_seconds(now_ - task.start) / 3600.0;
    task.saved = kept;
    ++task.restarts;
    ++task.generation;  // its completion event is now stale
    remove_running(region, slot);
    region.load.allocated -= task.demand;  // the meter was advanced by the caller
    for (Observer* o : observers_) o->on_task_interrupted(task, now_, lost);
    unplace(task);
  }
  // Re-place only after the region is fully emptied, so no choice sees half a failure.
  for (const TaskSlot slot : scratch_slots_) place(slot);

  scratch_slots_.clear();
  region.queue->drain(scratch_slots_);
  for (const TaskSlot slot : scratch_slots_) {
    Task& task = tasks_[slot];
    region.load.queued -= task.demand;
    --region.load.queued_tasks;
    add_pending_work(region.load, task, -1.0);
    task.waited += now_ - task.ready;
    for (Observer* o : observers_) o->on_task_rerouted(task, now_);
    unplace(task);
  }
  for (const TaskSlot slot : scratch_slots_) place(slot);
}

void Engine::on_region_up(std::uint32_t f) {
  const FaultModel& fault = model_.faults[f];
  const RegionIndex r = fault.region;
  if (fault.random)
    schedule(now_ + *duration_from_seconds(fault_streams_[f].exponential(to_seconds(fault.mtbf))), kFaultBegin, f);
  RegionState& region = regions_[r];
  if (--region.down_count > 0) return;
  meters_[r].advance(now_, region.load.allocated, false);
  totals_[r].downtime_seconds += to_seconds(now_ - region.down_since);
  totals_[r].outages_s.emplace_back(to_seconds(region.down_since), to_seconds(now_));
  region.load.up = true;
  for (Observer* o : observers_) o->on_region_up(r, now_);
  retry_unplaced();
}

void Engine::retry_unplaced() {
  if (unplaced_.empty()) return;
  std::vector<TaskSlot> waiting;
  waiting.swap(unplaced_);
  for (const TaskSlot slot : waiting) place(slot);
}

}  // namespace meridian
