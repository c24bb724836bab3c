#include "engine/arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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
      origin_choice_(workload_.origin_weights),
      smooth_credit_(workload_.origins.size(), 0.0),
      scratch_weights_(workload_.origins.size(), 0.0),
      phase_cos_(workload_.origins.size(), 0.0),
      phase_sin_(workload_.origins.size(), 0.0) {
  for (const double w : workload_.origin_weights) total_origin_weight_ += w;
}

void ArrivalStream::refresh_phases(std::int64_t unix_seconds) {
  const auto& d = *workload_.diurnal;
  phases_valid_from_ = unix_seconds;
  phases_valid_until_ = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < workload_.origins.size(); ++i) {
    const LocalClock& clock = model_.clocks[workload_.origins[i]];
    const double offset = static_cast<double>(clock.utc_offset_seconds(unix_seconds)) - d.peak_hour * 3600.0;
    phase_cos_[i] = std::cos(kTwoPi * offset / 86400.0);
    phase_sin_[i] = std::sin(kTwoPi * offset / 86400.0);
    phases_valid_until_ = std::min(phases_valid_until_, clock.offset_valid_until(unix_seconds));
  }
}

double ArrivalStream::diurnal_factors(SimTime t) {
  const double amplitude = workload_.diurnal->amplitude;
  const double seconds = to_seconds(t);
  const auto whole = static_cast<std::int64_t>(std::floor(seconds));
  const std::int64_t unix_seconds = model_.start_unix_seconds + whole;
  if (unix_seconds < phases_valid_from_ || unix_seconds >= phases_valid_until_) refresh_phases(unix_seconds);
  // UTC time of day as an angle; whole days dropped in integers first, to keep precision.
  const double day_seconds = static_cast<double>(((unix_seconds % 86400) + 86400) % 86400) + (seconds - whole);
  const double x = kTwoPi * day_seconds / 86400.0;
  const double cos_x = std::cos(x), sin_x = std::sin(x);
  double weighted = 0.0;
  for (std::size_t i = 0; i < scratch_weights_.size(); ++i) {
    scratch_weights_[i] = 1.0 + amplitude * (cos_x * phase_cos_[i] - sin_x * phase_sin_[i]);
    weighted += workload_.origin_weights[i] * scratch_weights_[i];
  }
  return weighted / total_origin_weight_;
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
      for (;;) {
        clock_ += *duration_from_seconds(times_.exponential(1.0 / peak_rate));
        if (clock_ >= horizon) return std::nullopt;
        const double rate = workload_.rate_per_s * diurnal_factors(clock_);
        // On acceptance, scratch_weights_ holds each origin's multiplier at this instant.
        if (times_.uniform() * peak_rate < rate) return clock_;
      }
    }
  }
  return std::nullopt;
}

std::size_t ArrivalStream::draw_origin_index() {
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
  if (!workload_.diurnal || workload_.process != ArrivalProcess::Poisson) return origin_choice_.draw(origins_);
  // Under a diurnal profile, each origin's share follows its own local time: its weight times
  // the multiplier next_arrival() left for this instant.
  for (std::size_t i = 0; i < n; ++i) scratch_weights_[i] *= workload_.origin_weights[i];
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
    task.origin = row.origin != kNoRegion ? row.origin : workload_.origins[draw_origin_index()];
    return;
  }
  task.origin = workload_.origins[draw_origin_index()];
  for (const auto& d : workload_.demand) {
    const std::size_t pick = d.choices.size() == 1 ? 0 : demands_.choice(d.weights);
    task.demand[d.resource] = d.choices[pick];
  }
  task.service = draw_duration();
}

}  // namespace meridian
