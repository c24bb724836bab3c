#pragma once
// Live tasks in a slab with a free list: memory grows with work in flight, not with total
// work, and a finished task's slot is reused without allocating.

#include <vector>

#include "meridian/model/task.hpp"

namespace meridian {

class TaskTable {
 public:
  TaskSlot add(const Task& task) {
    if (!free_.empty()) {
      const TaskSlot slot = free_.back();
      free_.pop_back();
      const std::uint32_t generation = tasks_[slot].generation;
      tasks_[slot] = task;
      // Keep bumping across reuse so an event meant for the previous occupant stays stale.
      tasks_[slot].generation = generation + 1;
      ++live_;
      return slot;
    }
    tasks_.push_back(task);
    ++live_;
    return static_cast<TaskSlot>(tasks_.size() - 1);
  }
  void remove(TaskSlot slot) {
    ++tasks_[slot].generation;
    free_.push_back(slot);
    --live_;
  }
  Task& operator[](TaskSlot slot) { return tasks_[slot]; }
  const Task& operator[](TaskSlot slot) const { return tasks_[slot]; }
  std::size_t live() const { return live_; }
  std::size_t capacity() const { return tasks_.size(); }

 private:
  std::vector<Task> tasks_;
  std::vector<TaskSlot> free_;
  std::size_t live_ = 0;
};

}  // namespace meridian
