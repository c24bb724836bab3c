// Faults: region failures and repairs (what an outage does to the work in and on its way to a
// region) here; link faults in engine_network.cpp.
#include <algorithm>

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

void Engine::schedule_random_fault(std::uint32_t f, bool failure) {
  const FaultModel& fault = model_.faults[f];
  RandomStream& stream = fault_streams_[f];
  const double mean = to_seconds(failure ? fault.mtbf : fault.mttr);
  const double seconds = failure && fault.weibull ? stream.weibull(mean, fault.weibull_shape) : stream.exponential(mean);
  // A draw past what simulated time can represent (centuries) is a failure that never comes.
  const auto delay = duration_from_seconds(seconds);
  if (!delay || *delay >= kSimEnd - now_) return;
  schedule(now_ + *delay, failure ? kFaultBegin : kFaultEnd, f);
}

void Engine::on_region_down(std::uint32_t f) {
  const FaultModel& fault = model_.faults[f];
  const RegionIndex r = fault.region;
  if (fault.random) schedule_random_fault(f, false);
  else schedule(now_ + fault.duration, kFaultEnd, f);
  if (fault.lost_units > 0) return change_lost_capacity(f, true);
  RegionState& region = regions_[r];
  if (region.down_count++ > 0) return;  // already down: overlapping outages merge
  meters_[r].advance(now_, region.load.allocated, true);
  region.down_since = now_;
  load_changed(r);
  region.load.up = false;
  candidates_changed();
  ++totals_[r].outages;
  for (Observer* o : observers_) o->on_region_down(r, now_);
  on_primary_down(r);
  interrupt_region(r);
}

void Engine::change_lost_capacity(std::uint32_t f, bool begins) {
  const FaultModel& fault = model_.faults[f];
  const RegionIndex r = fault.region;
  const std::size_t k = fault.resource;
  RegionState& region = regions_[r];
  RegionTotals& totals = totals_[r];
  // Unit-seconds out of service so far, at the level in force since the last change.
  const auto capacity = model_.regions[r].capacity[k];
  totals.lost_unit_seconds[k] +=
      static_cast<double>(std::min(region.load.out_of_service[k], capacity)) * to_seconds(now_ - region.lost_since);
  region.lost_since = now_;
  load_changed(r);
  region.load.out_of_service[k] += begins ? fault.lost_units : -fault.lost_units;  // overlapping losses add up
  for (Observer* o : observers_) o->on_capacity_change(r, k, region.load.out_of_service[k], now_);
  if (!begins) {
    dispatch(r);
    return;
  }
  ++totals.partial_outages;
  // Over what is left, the most recently started tasks holding the resource stop: they have
  // done the least work, so the least is lost.
  const auto in_service = std::max<std::int64_t>(0, capacity - region.load.out_of_service[k]);
  scratch_slots_.clear();
  if (region.load.allocated[k] > in_service) {
    std::vector<TaskSlot> holders;
    for (const TaskSlot slot : region.running)
      if (tasks_[slot].demand[k] > 0) holders.push_back(slot);
    std::sort(holders.begin(), holders.end(), [&](TaskSlot a, TaskSlot b) {
      return tasks_[a].start > tasks_[b].start || (tasks_[a].start == tasks_[b].start && tasks_[a].id > tasks_[b].id);
    });
    std::int64_t allocated = region.load.allocated[k];
    for (const TaskSlot slot : holders) {
      if (allocated <= in_service) break;
      allocated -= tasks_[slot].demand[k];
      scratch_slots_.push_back(slot);
    }
  }
  if (scratch_slots_.empty()) return;
  meters_[r].advance(now_, region.load.allocated, region_up(r));
  std::vector<TaskSlot> stopped;
  stopped.swap(scratch_slots_);
  for (const TaskSlot slot : stopped) interrupt(r, slot);
  for (const TaskSlot slot : stopped) place(slot);
}

void Engine::interrupt(RegionIndex r, TaskSlot slot) {
  RegionState& region = regions_[r];
  Task& task = tasks_[slot];
  // Capped at the service: a task may be past it while it waits for a synchronous write.
  const SimDuration progress = std::min(task.service, task.saved + (now_ - task.start));
  const auto& every = model_.workloads[task.workload].checkpoint_every;
  SimDuration kept = task.saved;
  if (every && every->count() > 0) kept = std::max(kept, (progress / *every) * *every);
  const SimDuration lost = progress - kept;
  if (const auto gpu = model_.resource_index("gpu"))
    totals_[r].work_lost_gpu_hours += to_seconds(lost) / 3600.0 * static_cast<double>(task.demand[*gpu]);
  task.cost += meters_[r].cost_per_hour(task.demand) * to_seconds(now_ - task.start) / 3600.0;
  task.saved = kept;
  ++task.restarts;
  ++task.generation;  // its completion event is now stale
  load_changed(r);
  remove_running(region, slot);
  region.load.allocated -= task.demand;  // the meter was advanced by the caller
  for (Observer* o : observers_) o->on_task_interrupted(task, now_, lost);
  unplace(task);
}

void Engine::interrupt_region(RegionIndex r) {
  RegionState& region = regions_[r];
  std::vector<TaskSlot> stopped(region.running.begin(), region.running.end());
  for (const TaskSlot slot : stopped) interrupt(r, slot);
  // Re-place only after the region is fully emptied, so no choice sees half a failure.
  for (const TaskSlot slot : stopped) place(slot);

  scratch_slots_.clear();
  region.queue->drain(scratch_slots_);
  stopped.swap(scratch_slots_);
  load_changed(r);
  for (const TaskSlot slot : stopped) {
    Task& task = tasks_[slot];
    region.load.queued -= task.demand;
    --region.load.queued_tasks;
    add_pending_work(region.load, task, -1.0);
    task.waited += now_ - task.ready;
    for (Observer* o : observers_) o->on_task_rerouted(task, now_);
    unplace(task);
  }
  for (const TaskSlot slot : stopped) place(slot);
}

void Engine::on_region_up(std::uint32_t f) {
  const FaultModel& fault = model_.faults[f];
  const RegionIndex r = fault.region;
  if (fault.random) schedule_random_fault(f, true);
  if (fault.lost_units > 0) return change_lost_capacity(f, false);
  RegionState& region = regions_[r];
  if (--region.down_count > 0) return;
  meters_[r].advance(now_, region.load.allocated, false);
  totals_[r].downtime_seconds += to_seconds(now_ - region.down_since);
  totals_[r].outages_s.emplace_back(to_seconds(region.down_since), to_seconds(now_));
  load_changed(r);
  region.load.up = true;
  candidates_changed();
  for (Observer* o : observers_) o->on_region_up(r, now_);
  on_primary_up(r);
  retry_unplaced();
}

void Engine::retry_unplaced() {
  if (unplaced_.empty()) return;
  std::vector<TaskSlot> waiting;
  waiting.swap(unplaced_);
  for (const TaskSlot slot : waiting) place(slot);
}

}  // namespace meridian
