// Step → transport operation. Transport failures that mean "this host cannot be used"
// become unreachable outcomes; everything else is a failed step with its message.
#include "exec/step_executor.hpp"

#include <filesystem>

#include "core/shell_quote.hpp"

namespace scsctl::exec {

namespace {

StepOutcome from_failure(const transport::Failure& failure)
{
    StepOutcome out;
    out.unreachable = failure.unreachable();
    out.result.rc = -1;
    out.result.error = failure.message;
    const auto hint = transport::hint_for(failure.kind);
    if (!hint.empty()) {
        out.result.error += " (hint: " + std::string(hint) + ")";
    }
    return out;
}

std::string scalar_text(const core::Value& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    return value.is_null() ? std::string() : value.dump();
}

} // namespace

std::string with_environment(const std::string& script, const core::Value& environment)
{
    if (!environment.is_object() || environment.empty()) {
        return script;
    }
    std::string out;
    for (const auto& [name, value] : environment.items()) {
        out += "export " + name + "=" + core::shell_quote(scalar_text(value)) + "; ";
    }
    return out + script;
}

void StepExecutor::run(const StepTarget& target, const modules::Step& step, std::function<void(StepOutcome)> done)
{
    if (const auto* command = std::get_if<modules::CommandStep>(&step)) {
        run_command(target, *command, std::move(done));
    } else if (const auto* upload = std::get_if<modules::UploadStep>(&step)) {
        run_upload(target, *upload, std::move(done));
    } else if (const auto* fetch = std::get_if<modules::FetchStep>(&step)) {
        run_fetch(target, *fetch, std::move(done));
    } else if (const auto* sleep = std::get_if<modules::SleepStep>(&step)) {
        m_mailbox.post_after(sleep->duration, [done = std::move(done)] { done(StepOutcome{}); });
    } else if (const auto* again = std::get_if<modules::ReconnectStep>(&step)) {
        m_pool.close(target.handle);
        reconnect(target, std::chrono::steady_clock::now() + again->timeout, again->sleep, std::move(done));
    }
}

void StepExecutor::run_command(const StepTarget& target, const modules::CommandStep& step,
                               std::function<void(StepOutcome)> done)
{
    transport::CommandRequest request;
    request.command = with_environment(step.script, target.environment);
    request.stdin_data = step.stdin_data;
    request.timeout = step.timeout.count() > 0 ? step.timeout : target.timeout;
    m_pool.run(target.handle, std::move(request), target.become,
               [this, done = std::move(done)](transport::CommandOutcome outcome) mutable {
                   StepOutcome out;
                   if (!outcome) {
                       out = from_failure(outcome.error());
                   } else {
                       out.result.finished = std::chrono::system_clock::now();
                       out.result.started = out.result.finished -
                                            std::chrono::duration_cast<std::chrono::system_clock::duration>(outcome->duration);
                       out.result.rc = outcome->exit_signal.empty() ? outcome->exit_status : -1;
                       out.result.stdout_text = std::move(outcome->stdout_data);
                       out.result.stderr_text = std::move(outcome->stderr_data);
                       if (!outcome->exit_signal.empty()) {
                           out.result.error = "killed by signal " + outcome->exit_signal;
                       }
                   }
                   m_mailbox.post([done = std::move(done), out = std::move(out)] { done(out); });
               });
}

void StepExecutor::run_upload(const StepTarget& target, const modules::UploadStep& step,
                              std::function<void(StepOutcome)> done)
{
    transport::UploadRequest request;
    request.remote_path = step.remote_path;
    request.local_path = step.local_path;
    request.content = step.content;
    request.mode = step.mode;
    request.owner = step.owner;
    request.group = step.group;
    // The module's probe already compared content: no second probe in the transport.
    request.skip_unchanged = false;
    m_pool.upload(target.handle, std::move(request), target.become,
                  [this, done = std::move(done)](transport::TransferOutcome outcome) mutable {
                      StepOutcome out;
                      if (!outcome) {
                          out = from_failure(outcome.error());
                      } else {
                          out.result.changed = outcome->changed;
                          out.result.sha256 = outcome->sha256;
                          out.result.bytes = outcome->bytes;
                      }
                      m_mailbox.post([done = std::move(done), out = std::move(out)] { done(out); });
                  });
}

void StepExecutor::run_fetch(const StepTarget& target, const modules::FetchStep& step,
                             std::function<void(StepOutcome)> done)
{
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(step.local_path).parent_path(), ignored);
    transport::DownloadRequest request{step.remote_path, step.local_path};
    m_pool.download(target.handle, std::move(request),
                    [this, done = std::move(done)](transport::TransferOutcome outcome) mutable {
                        StepOutcome out;
                        if (!outcome) {
                            out = from_failure(outcome.error());
                        } else {
                            out.result.changed = true;
                            out.result.sha256 = outcome->sha256;
                            out.result.bytes = outcome->bytes;
                        }
                        m_mailbox.post([done = std::move(done), out = std::move(out)] { done(out); });
                    });
}

void StepExecutor::reconnect(const StepTarget& target, std::chrono::steady_clock::time_point deadline,
                             std::chrono::milliseconds sleep, std::function<void(StepOutcome)> done)
{
    m_pool.probe(target.handle, [this, target, deadline, sleep,
                                 done = std::move(done)](std::expected<transport::HostKeyInfo, transport::Failure> got) mutable {
        m_mailbox.post([this, target, deadline, sleep, done = std::move(done), got = std::move(got)]() mutable {
            if (got) {
                done(StepOutcome{});
                return;
            }
            if (std::chrono::steady_clock::now() + sleep >= deadline) {
                StepOutcome out = from_failure(got.error());
                out.unreachable = false; // wait_for_connection fails; the host is not dropped as unreachable
                out.result.error = "timed out waiting for connection: " + out.result.error;
                done(out);
                return;
            }
            m_pool.close(target.handle);
            m_mailbox.post_after(sleep, [this, target, deadline, sleep, done = std::move(done)]() mutable {
                reconnect(target, deadline, sleep, std::move(done));
            });
        });
    });
}

} // namespace scsctl::exec
