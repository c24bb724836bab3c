#include "engine/arrivals.hpp"

#include <cmath>

namespace meridian {

namespace {
constexpr double kTwoPi = 6.283185307179586;
}

ArrivalStream::ArrivalStream(const Model& model, WorkloadIndex workload, std::uint64_t replication)
    : model_(model),
      workload_(model.workloads[workload]),
      index_(workload),
      times_(model.seed, replication, "workload/" + workload_.id + "/arrivals"),
      origins_(model.seed, replication, "workload/" + workload_.id + "/origins"),
      demands_(model.seed, replication, "workload/" + workload_.id + "/demand"),
      durations_(model.seed, replication, "workload/" + workload_.id + "/durations"),
      smooth_credit_(workload_.origins.size(), 0.0),
      scratch_weights_(workload_.origins.size(), 0.0) {}

double ArrivalStream::diurnal_factor(RegionIndex origin, SimTime t) const {
  const auto& d = *workload_.diurnal;
  const auto unix_seconds = model_.start_unix_seconds + static_cast<std::int64_t>(std::floor(to_seconds(t)));
  const double hour = model_.clocks[origin].local_hour(unix_seconds);
  return 1.0 + d.amplitude * std::cos(kTwoPi * (hour - d.peak_hour) / 24.0);
}

std::optional<SimTime> ArrivalStream::next_arrival() {
  using scenario::ArrivalProcess;
  const SimTime horizon{model_.horizon};
  switch (workload_.process) {
    case ArrivalProcess::Trace: {
      if (trace_position_ >= workload_.trace.size()) return std::nullopt;
      clock_ = SimTime{workload_.trace[trace_position_].submit};
      if (clock_ >= horizon) return std::nullopt;
      return clock_;
    }
    case ArrivalProcess::Fixed: {
      if (workload_.rate_per_s <= 0.0) return std::nullopt;
      clock_ += *duration_from_seconds(1.0 / workload_.rate_per_s);
      if (clock_ >= horizon) return std::nullopt;
      return clock_;
    }
    case ArrivalProcess::Poisson: {
      if (workload_.rate_per_s <= 0.0) return std::nullopt;
      if (!workload_.diurnal) {
        clock_ += *duration_from_seconds(times_.exponential(1.0 / workload_.rate_per_s));
        return clock_ < horizon ? std::optional(clock_) : std::nullopt;
      }
      // Non-homogeneous Poisson by thinning (Lewis and Shedler 1979): candidates at the peak
      // rate, each kept with probability rate(t) / peak rate.
      const double peak_rate = workload_.rate_per_s * (1.0 + workload_.diurnal->amplitude);
      double total_weight = 0.0;
      for (const double w : workload_.origin_weights) total_weight += w;
      for (;;) {
        clock_ += *duration_from_seconds(times_.exponential(1.0 / peak_rate));
        if (clock_ >= horizon) return std::nullopt;
        double rate = 0.0;
        for (std::size_t i = 0; i < workload_.origins.size(); ++i)
          rate += workload_.origin_weights[i] / total_weight * diurnal_factor(workload_.origins[i], clock_);
        rate *= workload_.rate_per_s;
        if (times_.uniform() * peak_rate < rate) return clock_;
      }
    }
  }
  return std::nullopt;
}

std::size_t ArrivalStream::draw_origin_index(SimTime t) {
  using scenario::ArrivalProcess;
  const std::size_t n = workload_.origins.size();
  if (workload_.process == ArrivalProcess::Fixed) {
    // Smooth weighted round-robin: exact shares, evenly spread, no randomness.
    double total = 0.0;
    std::size_t best = 0;
    for (std::size_t i = 0; i < n; ++i) {
      smooth_credit_[i] += workload_.origin_weights[i];
      total += workload_.origin_weights[i];
      if (smooth_credit_[i] > smooth_credit_[best]) best = i;
    }
    smooth_credit_[best] -= total;
    return best;
  }
  if (n == 1) return 0;
  if (!workload_.diurnal) return origins_.choice(workload_.origin_weights);
  // Under a diurnal profile, each origin's share follows its own local time.
  for (std::size_t i = 0; i < n; ++i)
    scratch_weights_[i] = workload_.origin_weights[i] * diurnal_factor(workload_.origins[i], t);
  return origins_.choice(scratch_weights_);
}

SimDuration ArrivalStream::draw_duration() {
  using scenario::DistKind;
  const auto& d = workload_.duration;
  const double mean = to_seconds(d.mean);
  double seconds = 0.0;
  switch (d.kind) {
    case DistKind::Fixed: return d.mean;
    case DistKind::Exponential: seconds = durations_.exponential(mean); break;
    case DistKind::Uniform: seconds = durations_.uniform(to_seconds(d.min), to_seconds(d.max)); break;
    case DistKind::Lognormal: seconds = durations_.lognormal(mean, d.cv); break;
    case DistKind::Gamma: seconds = durations_.gamma(mean, d.cv); break;
  }
  // A draw beyond ~292 years cannot be simulated; the loader bounds means, so clamp the tail.
  return duration_from_seconds(seconds).value_or(SimDuration{std::numeric_limits<std::int64_t>::max() / 4});
}

void ArrivalStream::fill(Task& task) {
  task.workload = index_;
  task.arrival = clock_;
  task.priority = workload_.priority;
  if (workload_.process == scenario::ArrivalProcess::Trace) {
    const TraceTask& row = workload_.trace[trace_position_++];
    task.demand = row.demand;
    task.service = row.duration;
    task.priority = row.priority;
    task.origin = row.origin != kNoRegion ? row.origin : workload_.origins[draw_origin_index(clock_)];
    return;
  }
  task.origin = workload_.origins[draw_origin_index(clock_)];
  for (const auto& d : workload_.demand) {
    const std::size_t pick = d.choices.size() == 1 ? 0 : demands_.choice(d.weights);
    task.demand[d.resource] = d.choices[pick];
  }
  task.service = draw_duration();
}

}  // namespace meridian
