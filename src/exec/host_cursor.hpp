// Where one host is in a play's task tree: a stack of frames over task lists, with
// Ansible's block semantics (a failure in `block` moves to `rescue`, then `always`; a
// failure that no rescue catches fails the host after the `always` tasks ran).
// Depends on model.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "model/play.hpp"

namespace scsctl::exec {

class HostCursor {
public:
    explicit HostCursor(const std::vector<model::Task>& root)
    {
        Frame frame;
        frame.tasks = &root;
        m_frames.push_back(std::move(frame));
    }

    /// The next action, include or meta task, or nullptr when the host is done (check
    /// failed() to tell a failed host from a finished one).
    const model::Task* next();

    /// The task last returned by next() failed (not ignored). Returns true when a block
    /// catches it: by `rescue` (`*rescued` set) or by `always` only (the host fails after).
    bool fail(bool* rescued);

    /// Runs `tasks` (an include's) before whatever follows the include.
    void push(std::shared_ptr<const std::vector<model::Task>> tasks);

    bool failed() const { return m_failed; }

    /// Where the host stands, for the linear strategy's lockstep: the index of the play-
    /// level entry (task or block) it is in, then its phase there (0 plain, 1 block,
    /// 2 rescue, 3 always). Ansible runs the hosts with the lowest position first, so a
    /// host in `rescue` catches up before the others run the block's `always`.
    std::pair<std::size_t, int> position() const;

private:
    enum class Phase { plain, block, rescue, always };
    struct Frame {
        const std::vector<model::Task>* tasks = nullptr;
        std::size_t index = 0;
        const model::Task* block = nullptr; ///< the block task, or nullptr for a plain list
        Phase phase = Phase::plain;
        bool pending_failure = false; ///< the block failed and nothing rescued it
        std::shared_ptr<const std::vector<model::Task>> owned;
    };
    bool leave_frame();
    bool catch_failure(bool* rescued);

    std::vector<Frame> m_frames;
    bool m_failed = false;
};

} // namespace scsctl::exec
