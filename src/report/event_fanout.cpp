// Fan-out of run events; finishing twice is a no-op, so every exit path may call it.
#include "report/event_fanout.hpp"

namespace scsctl::report {

void EventFanout::add(std::unique_ptr<RunReporter> reporter)
{
    m_reporters.push_back(std::move(reporter));
}

void EventFanout::on_event(const model::RunEvent& event)
{
    for (const auto& reporter : m_reporters) {
        reporter->on_event(event);
    }
}

core::Result<void> EventFanout::finish(int exit_code)
{
    auto errors = finish_all(exit_code);
    if (!errors.empty()) {
        return core::fail(std::move(errors.front()));
    }
    return {};
}

std::vector<core::Error> EventFanout::finish_all(int exit_code)
{
    std::vector<core::Error> errors;
    if (m_finished) {
        return errors;
    }
    m_finished = true;
    for (const auto& reporter : m_reporters) {
        auto done = reporter->finish(exit_code);
        if (!done) {
            errors.push_back(std::move(done).error());
        }
    }
    return errors;
}

} // namespace scsctl::report
