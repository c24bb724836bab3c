// `backfill`: EASY backfilling (Lifka 1995; Mu'alem and Feitelson 2001). FIFO order; when the
// head does not fit, it gets a reservation at the earliest time enough running work ends (the
// "shadow time"), and later tasks may start now if they fit and either end by the shadow time
// or use only what the head will not need then. Run times are known exactly here (the simulator
// draws them), so this is EASY with perfect estimates; real users' estimates are worse.
#include <algorithm>
#include <memory>
#include <vector>

#include "meridian/core/params.hpp"
#include "meridian/policy/queue.hpp"

namespace meridian::policy {
namespace {

class BackfillQueue final : public QueueDiscipline {
 public:
  void push(TaskSlot slot, const Task&) override { waiting_.push_back(slot); }

  void dispatch(DispatchContext& context) override {
    start_heads(context);
    if (waiting_.size() < 2) return;

    const Task& head = context.task(waiting_.front());
    const Reservation reservation = reserve(head, context);

    // Backfill behind the head, keeping queue order for those that stay.
    ResourceVector spare = reservation.spare;
    std::size_t kept = 1;
    for (std::size_t i = 1; i < waiting_.size(); ++i) {
      const TaskSlot slot = waiting_[i];
      const Task& task = context.task(slot);
      const bool fits_now = context.free().covers(task.demand);
      const bool ends_in_time = context.now() + task.remaining() <= reservation.shadow;
      if (fits_now && (ends_in_time || spare.covers(task.demand))) {
        if (!ends_in_time) spare -= task.demand;
        context.start(slot);
      } else {
        waiting_[kept++] = slot;
      }
    }
    waiting_.resize(kept);
  }

  void drain(std::vector<TaskSlot>& out) override {
    out.insert(out.end(), waiting_.begin(), waiting_.end());
    waiting_.clear();
  }

  std::size_t size() const override { return waiting_.size(); }

 private:
  struct Reservation {
    SimTime shadow;       // when the head can start
    ResourceVector spare;  // free at the shadow time beyond the head's demand
  };

  void start_heads(DispatchContext& context) {
    std::size_t started = 0;
    while (started < waiting_.size() && context.free().covers(context.task(waiting_[started]).demand))
      context.start(waiting_[started++]);
    waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(started));
  }

  Reservation reserve(const Task& head, DispatchContext& context) {
    ending_.clear();
    for (const TaskSlot slot : context.running()) {
      const Task& t = context.task(slot);
      ending_.push_back({t.start + t.remaining(), slot});
    }
    std::sort(ending_.begin(), ending_.end(),
              [](const Ending& a, const Ending& b) { return a.at < b.at || (a.at == b.at && a.slot < b.slot); });
    ResourceVector available = context.free();
    for (const Ending& e : ending_) {
      available += context.task(e.slot).demand;
      if (available.covers(head.demand)) {
        available -= head.demand;
        return {e.at, available};
      }
    }
    // The engine only queues tasks the region can hold, so this is reached only if running
    // work cannot free enough (it always can): reserve nothing rather than block forever.
    return {kSimEnd, ResourceVector{}};
  }

  struct Ending {
    SimTime at;
    TaskSlot slot;
  };
  std::vector<TaskSlot> waiting_;
  std::vector<Ending> ending_;  // scratch, kept to avoid reallocating on every dispatch
};

}  // namespace

std::unique_ptr<QueueDiscipline> make_backfill(const PolicyParams&) { return std::make_unique<BackfillQueue>(); }

}  // namespace meridian::policy
