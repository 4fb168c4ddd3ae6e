// The live status line: counters per task from the event stream, an ETA from the history,
// and the terminal choreography (carriage return, erase line, never wider than the
// terminal so that it cannot wrap and leave copies behind).
#include "report/live_view.hpp"

#include <cmath>
#include <cstdio>

namespace scsctl::report {

namespace {

constexpr const char* k_erase_line = "\r\033[2K";

// Cuts `text` to `width` code points (UTF-8 aware, so a task name is never cut mid-character).
std::string fit(const std::string& text, std::size_t width)
{
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80) {
            if (points == width) {
                return text.substr(0, i);
            }
            ++points;
        }
    }
    return text;
}

bool counts_as_failed(const model::TaskDone& done)
{
    return (done.status == model::TaskStatus::failed || done.status == model::TaskStatus::unreachable) &&
           !done.ignored && !done.rescued;
}

} // namespace

std::string clock_text(double seconds)
{
    const long total = seconds < 0 ? 0 : std::lround(seconds);
    char buffer[32];
    if (total >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
    }
    return buffer;
}

LiveView::LiveView(std::unique_ptr<RunReporter> inner, std::ostream& out, LiveViewOptions options)
    : m_inner(std::move(inner)), m_out(out), m_options(std::move(options)), m_started(Clock::now())
{
    if (m_options.tick.count() > 0) {
        m_ticker = std::thread([this] { ticker_loop(); });
    }
}

LiveView::~LiveView()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        clear_locked();
    }
    m_wake.notify_all();
    if (m_ticker.joinable()) {
        m_ticker.join();
    }
}

void LiveView::set_history(std::vector<TaskTiming> history)
{
    std::lock_guard lock(m_mutex);
    m_history = std::move(history);
}

void LiveView::on_event(const model::RunEvent& event)
{
    std::lock_guard lock(m_mutex);
    clear_locked();
    m_inner->on_event(event);
    track(event);
    draw_locked();
}

core::Result<void> LiveView::finish(int exit_code)
{
    std::lock_guard lock(m_mutex);
    clear_locked();
    m_ended = true;
    return m_inner->finish(exit_code);
}

void LiveView::track(const model::RunEvent& event)
{
    if (const auto* task = std::get_if<model::TaskStarted>(&event)) {
        if (!m_task_id.empty() && task->task_id == m_task_id) {
            m_hosts += task->hosts; // the free strategy starts a task host by host
            return;
        }
        m_task = task->name;
        m_task_id = task->task_id;
        m_task_started = Clock::now();
        m_hosts = task->hosts;
        m_done_hosts.clear();
        m_failed_hosts.clear();
        m_seen_ids.insert(task->task_id);
    } else if (const auto* result = std::get_if<model::HostResult>(&event)) {
        // A host's result (not a loop item's) shows as soon as it is in; TaskDone comes
        // only when the whole round is over.
        if (!result->is_item && result->task == m_task) {
            m_done_hosts.insert(result->host);
            if ((result->status == model::TaskStatus::failed || result->status == model::TaskStatus::unreachable) &&
                !result->ignored) {
                m_failed_hosts.insert(result->host);
            }
        }
    } else if (const auto* done = std::get_if<model::TaskDone>(&event)) {
        if (done->task_id == m_task_id) {
            m_done_hosts.insert(done->host);
            if (counts_as_failed(*done)) {
                m_failed_hosts.insert(done->host);
            } else {
                m_failed_hosts.erase(done->host); // rescued
            }
        }
    } else if (std::holds_alternative<model::Recap>(event)) {
        m_ended = true;
    }
}

std::optional<double> LiveView::eta_seconds(Clock::time_point now) const
{
    bool known = false;
    double remaining = 0;
    for (const auto& timing : m_history) {
        if (timing.task_id == m_task_id) {
            known = true;
            const double spent = std::chrono::duration<double>(now - m_task_started).count();
            remaining += std::max(0.0, timing.seconds - spent);
        } else if (m_seen_ids.count(timing.task_id) == 0) {
            remaining += timing.seconds;
        } else {
            known = true;
        }
    }
    // A history that shares no task with this run says nothing about it.
    return known ? std::optional<double>(remaining) : std::nullopt;
}

std::string LiveView::status_line(Clock::time_point now) const
{
    if (m_task.empty() || m_ended) {
        return "";
    }
    const std::size_t done = m_done_hosts.size();
    const std::size_t running = m_hosts > done ? m_hosts - done : 0;
    std::string line = "> " + m_task + " | " + std::to_string(done) + "/" + std::to_string(m_hosts) + " done, " +
                       std::to_string(running) + " running, " + std::to_string(m_failed_hosts.size()) + " failed | " +
                       clock_text(std::chrono::duration<double>(now - m_started).count());
    if (auto eta = eta_seconds(now)) {
        line += " | ETA " + clock_text(*eta);
    }
    return line;
}

void LiveView::clear_locked()
{
    if (m_drawn) {
        m_out << k_erase_line << std::flush;
        m_drawn = false;
    }
}

void LiveView::draw_locked()
{
    const std::string line = status_line(Clock::now());
    if (line.empty() || m_stop) {
        return;
    }
    const int columns = m_options.columns ? m_options.columns() : 80;
    // One column short of the width: a line that fills it wraps on some terminals.
    const std::string shown = fit(line, static_cast<std::size_t>(std::max(columns - 1, 10)));
    m_out << k_erase_line;
    if (m_options.color) {
        m_out << "\033[2m" << shown << "\033[0m";
    } else {
        m_out << shown;
    }
    m_out << std::flush;
    m_drawn = true;
}

void LiveView::ticker_loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, m_options.tick);
        if (!m_stop && m_drawn) {
            draw_locked();
        }
    }
}

} // namespace scsctl::report
