// Queue disciplines against a fake region: which tasks start, in which order.
#include <catch2/catch.hpp>
#include <memory>

#include "meridian/policy/registry.hpp"

using namespace meridian;

namespace {

class FakeRegion final : public DispatchContext {
 public:
  explicit FakeRegion(std::int64_t capacity) { free_[0] = capacity; }
  TaskSlot add(std::int64_t gpus, double seconds, int priority = 0) {
    Task t;
    t.demand[0] = gpus;
    t.service = *duration_from_seconds(seconds);
    t.priority = priority;
    tasks_.push_back(t);
    return static_cast<TaskSlot>(tasks_.size() - 1);
  }
  /// Marks a task as running since `now` (it holds its demand).
  void run(TaskSlot slot) {
    tasks_[slot].start = now_;
    free_ -= tasks_[slot].demand;
    running_.push_back(slot);
  }
  SimTime now() const override { return now_; }
  const Task& task(TaskSlot slot) const override { return tasks_[slot]; }
  const ResourceVector& free() const override { return free_; }
  std::span<const TaskSlot> running() const override { return running_; }
  void start(TaskSlot slot) override {
    REQUIRE(free_.covers(tasks_[slot].demand));
    run(slot);
    started.push_back(slot);
  }
  std::vector<TaskSlot> started;

 private:
  SimTime now_{};
  ResourceVector free_;
  std::vector<Task> tasks_;
  std::vector<TaskSlot> running_;
};

std::unique_ptr<QueueDiscipline> make(std::string_view name) {
  const PolicyEntry* entry = find_policy(PolicyFamily::Queue, name);
  REQUIRE(entry != nullptr);
  return entry->make_queue(PolicyParams{});
}

}  // namespace

TEST_CASE("fifo starts in arrival order and the head blocks the rest", "[policy][queue]") {
  FakeRegion region(10);
  auto queue = make("fifo");
  const TaskSlot a = region.add(4, 1), b = region.add(8, 1), c = region.add(1, 1);
  for (const TaskSlot s : {a, b, c}) queue->push(s, region.task(s));
  queue->dispatch(region);
  CHECK(region.started == std::vector<TaskSlot>{a});  // b does not fit; c must not jump it
  CHECK(queue->size() == 2);
}

TEST_CASE("priority starts the highest priority first, FIFO among equals", "[policy][queue]") {
  FakeRegion region(3);
  auto queue = make("priority");
  const TaskSlot low = region.add(1, 1, 0), high1 = region.add(1, 1, 5), mid = region.add(1, 1, 2),
                 high2 = region.add(1, 1, 5);
  for (const TaskSlot s : {low, high1, mid, high2}) queue->push(s, region.task(s));
  queue->dispatch(region);
  CHECK(region.started == std::vector<TaskSlot>{high1, high2, mid});
  std::vector<TaskSlot> drained;
  queue->drain(drained);
  CHECK(drained == std::vector<TaskSlot>{low});
}

TEST_CASE("backfill (EASY) starts later tasks only if they do not delay the head", "[policy][queue]") {
  // Capacity 10; a running task holds 6 until t = 10 s. The head needs 8: it is reserved at
  // t = 10, when 10 will be free, leaving 2 spare then.
  FakeRegion region(10);
  region.run(region.add(6, 10));
  auto queue = make("backfill");
  const TaskSlot head = region.add(8, 5);
  const TaskSlot uses_spare = region.add(2, 20);    // outlives the shadow time but fits the spare 2
  const TaskSlot ends_early = region.add(2, 5);     // ends before t = 10: always fine
  const TaskSlot would_delay = region.add(1, 50);   // outlives it and no spare is left
  for (const TaskSlot s : {head, uses_spare, ends_early, would_delay}) queue->push(s, region.task(s));
  queue->dispatch(region);
  CHECK(region.started == std::vector<TaskSlot>{uses_spare, ends_early});
  std::vector<TaskSlot> left;
  queue->drain(left);
  CHECK(left == std::vector<TaskSlot>{head, would_delay});
}

TEST_CASE("backfill behaves as fifo while everything fits", "[policy][queue]") {
  FakeRegion region(10);
  auto queue = make("backfill");
  const TaskSlot a = region.add(3, 1), b = region.add(3, 1), c = region.add(3, 1);
  for (const TaskSlot s : {a, b, c}) queue->push(s, region.task(s));
  queue->dispatch(region);
  CHECK(region.started == std::vector<TaskSlot>{a, b, c});
  CHECK(queue->size() == 0);
}
