#pragma once
/// Queue disciplines: the order in which a region starts the tasks waiting for capacity.

#include <cstddef>
#include <span>
#include <vector>

#include "meridian/core/ids.hpp"
#include "meridian/model/resources.hpp"
#include "meridian/model/task.hpp"

namespace meridian {

/// What a queue may see and do while the region dispatches: start a task if it fits.
class DispatchContext {
 public:
  virtual ~DispatchContext() = default;
  virtual SimTime now() const = 0;
  virtual const Task& task(TaskSlot slot) const = 0;
  virtual const ResourceVector& free() const = 0;
  /// Running tasks of the region (for reservations such as EASY backfill).
  virtual std::span<const TaskSlot> running() const = 0;
  /// Starts a queued task; its demand must fit in free(). The queue has already removed it.
  virtual void start(TaskSlot slot) = 0;
};

/// A region's waiting tasks and the rule for which starts next.
class QueueDiscipline {
 public:
  virtual ~QueueDiscipline() = default;
  virtual void push(TaskSlot slot, const Task& task) = 0;
  /// Starts, through the context, every task that the discipline lets start now.
  virtual void dispatch(DispatchContext& context) = 0;
  /// Removes every waiting task (in queue order) into `out`, e.g. when the region fails.
  virtual void drain(std::vector<TaskSlot>& out) = 0;
  virtual std::size_t size() const = 0;
};

}  // namespace meridian
