// HostCursor: walks blocks, rescue and always sections like Ansible's play iterator.
#include "exec/host_cursor.hpp"

namespace scsctl::exec {

const model::Task* HostCursor::next()
{
    while (!m_frames.empty() && !m_failed) {
        Frame& frame = m_frames.back();
        if (frame.index < frame.tasks->size()) {
            const model::Task* task = &(*frame.tasks)[frame.index++];
            if (task->kind == model::TaskKind::block) {
                Frame inner;
                inner.tasks = &task->block;
                inner.block = task;
                inner.phase = Phase::block;
                m_frames.push_back(std::move(inner));
                continue;
            }
            return task;
        }
        if (!leave_frame()) {
            m_failed = true;
        }
    }
    return nullptr;
}

/// The current frame's list is done: go on to `always`, or pop. False when popping a
/// block whose failure nothing rescued and no outer block catches it.
bool HostCursor::leave_frame()
{
    Frame& frame = m_frames.back();
    if (frame.block != nullptr && frame.phase != Phase::always && !frame.block->always.empty()) {
        frame.phase = Phase::always;
        frame.tasks = &frame.block->always;
        frame.index = 0;
        return true;
    }
    const bool failure = frame.pending_failure;
    m_frames.pop_back();
    if (!failure) {
        return true;
    }
    bool rescued = false;
    return catch_failure(&rescued);
}

bool HostCursor::fail(bool* rescued)
{
    // Ansible counts a failure as rescued when any enclosing block will rescue it, even
    // if an inner always-only block runs first.
    bool will_rescue = false;
    for (const auto& frame : m_frames) {
        will_rescue = will_rescue || (frame.block != nullptr && frame.phase == Phase::block && !frame.block->rescue.empty());
    }
    bool caught_by_rescue = false;
    const bool caught = catch_failure(&caught_by_rescue);
    *rescued = will_rescue;
    if (caught) {
        return true;
    }
    m_failed = true;
    return false;
}

bool HostCursor::catch_failure(bool* rescued)
{
    while (!m_frames.empty()) {
        Frame& frame = m_frames.back();
        if (frame.block != nullptr) {
            if (frame.phase == Phase::block && !frame.block->rescue.empty()) {
                frame.phase = Phase::rescue;
                frame.tasks = &frame.block->rescue;
                frame.index = 0;
                *rescued = true;
                return true;
            }
            if ((frame.phase == Phase::block || frame.phase == Phase::rescue) && !frame.block->always.empty()) {
                frame.phase = Phase::always;
                frame.tasks = &frame.block->always;
                frame.index = 0;
                frame.pending_failure = true;
                return true;
            }
        }
        m_frames.pop_back();
    }
    return false;
}

std::pair<std::size_t, int> HostCursor::position() const
{
    if (m_frames.empty()) {
        return {static_cast<std::size_t>(-1), 0};
    }
    const std::size_t root = m_frames.front().index == 0 ? 0 : m_frames.front().index - 1;
    if (m_frames.size() < 2 || m_frames[1].block == nullptr) {
        return {root, 0};
    }
    switch (m_frames[1].phase) {
    case Phase::plain:
        return {root, 0};
    case Phase::block:
        return {root, 1};
    case Phase::rescue:
        return {root, 2};
    case Phase::always:
        return {root, 3};
    }
    return {root, 0};
}

void HostCursor::push(std::shared_ptr<const std::vector<model::Task>> tasks)
{
    Frame frame;
    frame.tasks = tasks.get();
    frame.owned = std::move(tasks);
    m_frames.push_back(std::move(frame));
}

} // namespace scsctl::exec
