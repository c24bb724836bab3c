#pragma once
// Load measures shared by placement policies. Each is O(resources) per region, from the
// counters the engine keeps in RegionLoad, never a scan of tasks.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "meridian/model/world_view.hpp"

namespace meridian::policy {

/// The load of region `r` as a decision about `task` may see it. Every policy reads load through
/// this one function, so a "stale control plane" (each origin sees a region's load as it was one
/// route latency ago) is a small change: the engine keeps a short history of each RegionLoad
/// (a ring of snapshots, appended when a load changes) and WorldView gains
/// `load_seen_from(origin, r)` returning the snapshot at now - latency(origin, r); this function
/// then calls it instead of `load(r)`. No policy changes.
inline const RegionLoad& observed_load(const WorldView& world, const Task& /*task*/, RegionIndex r) {
  return world.load(r);
}

/// Fraction of the region committed (running + queued + on its way, and units out of service),
/// on the resource that is scarcest for this task's demand. 0 is idle; above 1 means a backlog.
inline double committed_fraction(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  double worst = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r) {
    if (task.demand[r] == 0 || info.capacity[r] == 0) continue;
    const double committed =
        static_cast<double>(load.allocated[r] + load.queued[r] + load.incoming[r] + load.out_of_service[r]);
    worst = std::max(worst, committed / static_cast<double>(info.capacity[r]));
  }
  return worst;
}

/// Expected wait before the task could start in the region: zero when its demand fits now and
/// nobody is ahead, else the pending (queued and incoming) work spread over the capacity.
inline double expected_wait_seconds(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  ResourceVector free = info.capacity;
  free -= load.allocated;
  free -= load.out_of_service;
  if (load.queued_tasks == 0 && load.incoming_tasks == 0 && free.covers(task.demand)) return 0.0;
  double worst = 0.0;
  for (std::size_t r = 0; r < kMaxResources; ++r) {
    if (task.demand[r] == 0 || info.capacity[r] == 0) continue;
    const auto in_service = info.capacity[r] - std::min(load.out_of_service[r], info.capacity[r]);
    if (in_service == 0) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, load.pending_work[r] / static_cast<double>(in_service));
  }
  return worst;
}

/// The candidate with the smallest score(region); ties go to the lowest region index.
template <typename Score>
RegionIndex lowest(Candidates candidates, Score score) {
  RegionIndex best = candidates.front();
  auto best_score = score(best);
  for (const RegionIndex r : candidates.subspan(1)) {
    const auto s = score(r);
    if (s < best_score) {
      best = r;
      best_score = s;
    }
  }
  return best;
}

/// lowest() without the scan: for the candidate lists (WorldView::candidates_key) and kinds of
/// score of the last few decisions, a min-tree of score(region) over the candidates, ties to
/// the lowest index, kept current from the view's log of load changes (WorldView::load_changes):
/// O(log n) per region whose load changed instead of O(n) per decision. `Kind` is what the score
/// depends on besides the region and its load: two tasks of equal kind must score every region
/// the same. Each tree's leaves are refreshed only when it is used, with that decision's score.
/// Answers nothing (use lowest()) when the view names no candidate list.
template <typename Kind>
class LowestScoreIndex {
 public:
  struct Lowest {
    RegionIndex region;
    double score;
  };

  template <typename Score>
  std::optional<Lowest> lowest(const WorldView& world, Candidates candidates, const Kind& kind, Score&& score) {
    const std::uint64_t key = world.candidates_key();
    if (key == 0) return std::nullopt;
    sync(world);
    Tree* tree = nullptr;
    for (Tree& t : trees_)
      if (t.key == key && t.kind == kind) tree = &t;
    if (tree == nullptr) tree = &build(world, candidates, key, kind, score);
    else refresh(*tree, score);
    tree->used = ++clock_;
    const Leaf& root = tree->nodes[1];
    return Lowest{tree->regions[root.position], score_of(root.rank)};
  }

 private:
  static constexpr std::size_t kTrees = 4;
  // A score is kept as its rank, an integer that orders like the double (rank_of), so that
  // which of two leaves is better is one 128-bit comparison without a branch: which of two
  // loads is lower is data that a branch predictor cannot learn.
  struct Leaf {
    std::uint64_t rank;
    std::uint32_t position;  // in the candidate list
  };
  static std::uint64_t rank_of(double score) {
    const auto bits = std::bit_cast<std::uint64_t>(score + 0.0);  // + 0.0: -0 ranks as +0
    return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
  }
  static double score_of(std::uint64_t rank) {
    return std::bit_cast<double>(rank >> 63 ? rank & ~(std::uint64_t{1} << 63) : ~rank);
  }
  static unsigned __int128 order(const Leaf& l) { return static_cast<unsigned __int128>(l.rank) << 32 | l.position; }
  struct Tree {
    std::uint64_t key = 0;
    Kind kind{};
    std::uint64_t used = 0;
    std::size_t leaves = 1;                 // a power of two, at least the candidates
    std::vector<Leaf> nodes;                // heap layout from 1; nodes[leaves + p] is candidate p
    std::vector<RegionIndex> regions;       // the candidates
    std::vector<std::int32_t> position;     // by region: its candidate position, or -1
    std::vector<RegionIndex> pending;       // candidates whose load changed since the last refresh
    std::vector<char> is_pending;           // by region
    bool stale = false;                     // every leaf needs a refresh
  };

  // Lower score first, then the lower position: the scan's answer (padding scores +inf last).
  static Leaf better(const Leaf& a, const Leaf& b) { return order(b) < order(a) ? b : a; }
  // Up from the leaf while the winners change: where a node keeps its winner, so do all above
  // it (most changes of one region's load do not change who is lowest).
  static void set(Tree& t, std::size_t p, double score) {
    std::size_t i = t.leaves + p;
    t.nodes[i] = Leaf{rank_of(score), static_cast<std::uint32_t>(p)};
    for (i /= 2; i >= 1; i /= 2) {
      const Leaf winner = better(t.nodes[2 * i], t.nodes[2 * i + 1]);
      if (same(winner, t.nodes[i])) break;
      t.nodes[i] = winner;
    }
  }
  static bool same(const Leaf& a, const Leaf& b) { return a.position == b.position && a.rank == b.rank; }

  void sync(const WorldView& world) {
    const auto changes = world.load_changes(cursor_);
    for (Tree& t : trees_) {
      if (!changes) {
        t.stale = true;
      } else if (!t.stale) {
        for (const RegionIndex r : *changes) {
          if (r >= t.position.size() || t.position[r] < 0 || t.is_pending[r]) continue;
          t.is_pending[r] = 1;
          t.pending.push_back(r);
        }
        if (t.pending.size() > t.regions.size() / 2) t.stale = true;  // as cheap to redo it all
      }
      if (t.stale) {
        for (const RegionIndex r : t.pending) t.is_pending[r] = 0;
        t.pending.clear();
      }
    }
  }

  template <typename Score>
  void refresh(Tree& t, Score& score) {
    if (t.stale) {
      for (std::size_t p = 0; p < t.regions.size(); ++p)
        t.nodes[t.leaves + p] = Leaf{rank_of(score(t.regions[p])), static_cast<std::uint32_t>(p)};
      for (std::size_t i = t.leaves - 1; i >= 1; --i) t.nodes[i] = better(t.nodes[2 * i], t.nodes[2 * i + 1]);
      t.stale = false;
      return;
    }
    for (const RegionIndex r : t.pending) {
      set(t, static_cast<std::size_t>(t.position[r]), score(r));
      t.is_pending[r] = 0;
    }
    t.pending.clear();
  }

  template <typename Score>
  Tree& build(const WorldView& world, Candidates candidates, std::uint64_t key, const Kind& kind, Score& score) {
    Tree* t = nullptr;
    if (trees_.size() < kTrees) t = &trees_.emplace_back();
    else t = &*std::min_element(trees_.begin(), trees_.end(), [](const Tree& a, const Tree& b) { return a.used < b.used; });
    t->key = key;
    t->kind = kind;
    t->regions.assign(candidates.begin(), candidates.end());
    t->leaves = 1;
    while (t->leaves < candidates.size()) t->leaves *= 2;
    t->nodes.assign(2 * t->leaves, Leaf{rank_of(std::numeric_limits<double>::infinity()), std::numeric_limits<std::uint32_t>::max()});
    t->position.assign(world.region_count(), -1);
    t->is_pending.assign(world.region_count(), 0);
    t->pending.clear();
    for (std::size_t p = 0; p < candidates.size(); ++p) t->position[candidates[p]] = static_cast<std::int32_t>(p);
    t->stale = true;
    refresh(*t, score);
    return *t;
  }

  std::vector<Tree> trees_;
  std::uint64_t cursor_ = 0;
  std::uint64_t clock_ = 0;
};

/// The resources a task demands, as bits: what committed_fraction depends on besides the region.
inline std::uint32_t demanded_resources(const Task& task) {
  std::uint32_t mask = 0;
  for (std::size_t r = 0; r < kMaxResources; ++r)
    if (task.demand[r] != 0) mask |= 1U << r;
  return mask;
}

/// The first resource the task demands (its "primary" one), for capacity-proportional shares.
inline std::size_t primary_resource(const Task& task) {
  for (std::size_t r = 0; r < kMaxResources; ++r)
    if (task.demand[r] > 0) return r;
  return 0;
}

/// Requests open in the region (on their way, queued or running) per unit of its capacity on
/// the task's primary resource: the measure of weighted least-connections.
inline double open_tasks_per_unit(const Task& task, const RegionInfo& info, const RegionLoad& load) {
  const double open = static_cast<double>(load.incoming_tasks) + load.queued_tasks + load.running_tasks;
  const auto capacity = static_cast<double>(info.capacity[primary_resource(task)]);
  return capacity > 0 ? open / capacity : open;
}

}  // namespace meridian::policy
