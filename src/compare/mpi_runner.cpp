#include "compare/mpi_runner.hpp"

#include <algorithm>
#include <cstdio>

// Open MPI's and MPICH's mpi.h would otherwise also declare the C++ bindings, which MPI-3
// removed and which need a library of their own; Meridian uses the C API only.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

namespace meridian::compare {

namespace {

constexpr int kPartTag = 1;
// MPI counts are ints: a part larger than this travels in several messages.
constexpr std::uint64_t kChunkBytes = std::uint64_t{1} << 30;
// The command line's exit code for an internal error: an aborted protocol is one.
constexpr int kAbortExitCode = 3;

class MpiWorld final : public RankGroup {
 public:
  MpiWorld() {
    // FUNNELED: the runs use a thread pool, but only this thread (the one that joined) calls MPI.
    // What the library grants is not checked: the pool's threads never touch MPI, which works in
    // practice even where only MPI_THREAD_SINGLE is offered.
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    // MPI errors keep MPI's default handler, MPI_ERRORS_ARE_FATAL: a broken transport ends the
    // whole job at once instead of leaving a rank waiting.
  }

  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  ~MpiWorld() override {
    if (agreed_) {
      MPI_Finalize();
      return;
    }
    std::fprintf(stderr, "meridian compare: rank %d stopped before the end of the comparison; aborting the job\n",
                 rank_);
    MPI_Abort(MPI_COMM_WORLD, kAbortExitCode);
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<RankPart> gather(RankPart mine) override {
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    mine.host.assign(name, static_cast<std::size_t>(length));
    if (rank_ != 0) {
      send(encode_part(mine));
      return {};
    }
    // Everything is received before anything is decoded, so a part that does not decode cannot
    // leave another rank blocked in its send.
    std::vector<std::vector<std::uint8_t>> received;
    for (int r = 1; r < size_; ++r) received.push_back(receive(r));
    std::vector<RankPart> parts;
    parts.push_back(std::move(mine));
    for (const auto& bytes : received) parts.push_back(decode_part(bytes));
    return parts;
  }

  int agree_exit_code(int exit_code) override {
    MPI_Bcast(&exit_code, 1, MPI_INT, 0, MPI_COMM_WORLD);
    agreed_ = true;
    return exit_code;
  }

 private:
  static void send(const std::vector<std::uint8_t>& bytes) {
    std::uint64_t size = bytes.size();
    MPI_Send(&size, 1, MPI_UINT64_T, 0, kPartTag, MPI_COMM_WORLD);
    for (std::uint64_t offset = 0; offset < size; offset += kChunkBytes) {
      const int count = static_cast<int>(std::min(kChunkBytes, size - offset));
      MPI_Send(bytes.data() + offset, count, MPI_BYTE, 0, kPartTag, MPI_COMM_WORLD);
    }
  }

  static std::vector<std::uint8_t> receive(int source) {
    std::uint64_t size = 0;
    MPI_Recv(&size, 1, MPI_UINT64_T, source, kPartTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint8_t> bytes(size);
    for (std::uint64_t offset = 0; offset < size; offset += kChunkBytes) {
      const int count = static_cast<int>(std::min(kChunkBytes, size - offset));
      MPI_Recv(bytes.data() + offset, count, MPI_BYTE, source, kPartTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    return bytes;
  }

  int rank_ = 0;
  int size_ = 1;
  bool agreed_ = false;
};

}  // namespace

std::unique_ptr<RankGroup> join_mpi_world() { return std::make_unique<MpiWorld>(); }

}  // namespace meridian::compare
