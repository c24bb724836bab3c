// `priority`: highest `priority` first, FIFO among equals; strict, like fifo, at the head.
#include <algorithm>
#include <memory>
#include <vector>

#include "meridian/core/params.hpp"
#include "meridian/policy/queue.hpp"

namespace meridian::policy {
namespace {

class PriorityQueue final : public QueueDiscipline {
 public:
  void push(TaskSlot slot, const Task& task) override {
    heap_.push_back({task.priority, next_sequence_++, slot});
    std::push_heap(heap_.begin(), heap_.end(), after);
  }

  void dispatch(DispatchContext& context) override {
    while (!heap_.empty()) {
      const TaskSlot head = heap_.front().slot;
      if (!context.free().covers(context.task(head).demand)) return;
      std::pop_heap(heap_.begin(), heap_.end(), after);
      heap_.pop_back();
      context.start(head);
    }
  }

  void drain(std::vector<TaskSlot>& out) override {
    std::sort(heap_.begin(), heap_.end(), [](const Entry& a, const Entry& b) { return after(b, a); });
    for (const Entry& e : heap_) out.push_back(e.slot);
    heap_.clear();
  }

  std::size_t size() const override { return heap_.size(); }

 private:
  struct Entry {
    int priority;
    std::uint64_t sequence;
    TaskSlot slot;
  };
  // Heap order: `a` comes after `b` when it has lower priority, or equal priority and came later.
  static bool after(const Entry& a, const Entry& b) {
    return a.priority < b.priority || (a.priority == b.priority && a.sequence > b.sequence);
  }

  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace

std::unique_ptr<QueueDiscipline> make_priority(const PolicyParams&) { return std::make_unique<PriorityQueue>(); }

}  // namespace meridian::policy
