// `fifo`: first come, first served, strictly: when the head does not fit, nothing behind it starts.
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/queue.hpp"
#include "ring_buffer.hpp"

namespace meridian::policy {
namespace {

class FifoQueue final : public QueueDiscipline {
 public:
  void push(TaskSlot slot, const Task&) override { waiting_.push_back(slot); }

  void dispatch(DispatchContext& context) override {
    while (!waiting_.empty()) {
      const TaskSlot head = waiting_.front();
      if (!context.free().covers(context.task(head).demand)) return;
      waiting_.pop_front();
      context.start(head);
    }
  }

  void drain(std::vector<TaskSlot>& out) override {
    while (!waiting_.empty()) {
      out.push_back(waiting_.front());
      waiting_.pop_front();
    }
  }

  std::size_t size() const override { return waiting_.size(); }

 private:
  RingBuffer<TaskSlot> waiting_;
};

}  // namespace

std::unique_ptr<QueueDiscipline> make_fifo(const PolicyParams&) { return std::make_unique<FifoQueue>(); }

}  // namespace meridian::policy
