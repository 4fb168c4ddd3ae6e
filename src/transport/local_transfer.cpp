// Local uploads and downloads: copies in bounded chunks per event-loop turn (the loop
// also serves SSH hosts), fsync before rename so that a crash leaves the old file or
// the new one, never a torn one.
#include "transport/local_transfer.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace scsctl::transport {

namespace {

constexpr std::size_t k_budget = 4 * 1024 * 1024; // bytes copied or hashed per turn

bool all_digits(const std::string& text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<uid_t> user_id(const std::string& name)
{
    if (all_digits(name)) {
        return static_cast<uid_t>(std::stoul(name));
    }
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return found->pw_uid;
}

std::optional<gid_t> group_id(const std::string& name)
{
    if (all_digits(name)) {
        return static_cast<gid_t>(std::stoul(name));
    }
    group entry{};
    group* found = nullptr;
    std::vector<char> buffer(16384);
    if (::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return found->gr_gid;
}

std::string user_name(uid_t uid)
{
    passwd entry{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found);
    return found != nullptr ? found->pw_name : std::to_string(uid);
}

std::string group_name(gid_t gid)
{
    group entry{};
    group* found = nullptr;
    std::vector<char> buffer(16384);
    ::getgrgid_r(gid, &entry, buffer.data(), buffer.size(), &found);
    return found != nullptr ? found->gr_name : std::to_string(gid);
}

/// What probe_command would print, found with stat() (without the digest).
DestinationState local_state(const std::string& path)
{
    DestinationState state;
    struct stat st{};
    if (::stat(parent_of(path).c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        state.kind = DestinationState::Kind::no_dir;
    } else if (::lstat(path.c_str(), &st) != 0) {
        state.kind = errno == ENOENT ? DestinationState::Kind::missing : DestinationState::Kind::unknown;
    } else if (S_ISREG(st.st_mode)) {
        state.kind = DestinationState::Kind::file;
        state.mode = st.st_mode & 07777;
        state.uid = std::to_string(st.st_uid);
        state.gid = std::to_string(st.st_gid);
        state.owner = user_name(st.st_uid);
        state.group = group_name(st.st_gid);
    } else if (!S_ISLNK(st.st_mode)) {
        state.kind = DestinationState::Kind::not_file;
    }
    return state;
}

} // namespace

LocalUpload::LocalUpload(std::string host, UploadRequest request, std::optional<Become> become,
                         std::function<void(TransferOutcome)> done)
    : m_host(std::move(host)), m_request(std::move(request)), m_become(std::move(become)), m_done(std::move(done))
{
    const std::string suffix = random_suffix();
    m_temp = temp_in(parent_of(m_request.remote_path), suffix);
    m_staged = m_become ? temp_in("/tmp", suffix) : m_temp;
}

LocalUpload::~LocalUpload() = default;

void LocalUpload::deliver(TransferOutcome outcome)
{
    m_state = State::finished;
    if (!m_delivered && m_done) {
        auto done = std::move(m_done);
        done(std::move(outcome));
    }
    m_delivered = true;
}

void LocalUpload::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
}

void LocalUpload::refuse(const std::string& reason)
{
    deliver(std::unexpected(upload_failure(m_host, m_request.remote_path, reason)));
}

void LocalUpload::prepare(PollSet& set)
{
    if (m_exec) {
        m_exec->prepare(set);
    }
    const bool hashing = (m_digest && !m_digest->finished()) || (m_dest_digest && !m_dest_digest->finished());
    if (!m_exec || hashing) {
        set.wake_at(Clock::now()); // CPU and disk work left: come back right away
    }
}

bool LocalUpload::advance(Clock::time_point now)
{
    switch (m_state) {
    case State::start:
        start();
        break;
    case State::probe:
        step_probe(now);
        break;
    case State::copy:
        step_copy();
        break;
    case State::finish:
        step_finish(now);
        break;
    case State::finished:
        break;
    }
    return m_state == State::finished;
}

void LocalUpload::start_exec(const std::string& command)
{
    CommandRequest request;
    request.command = command;
    request.capture_limit = 64 * 1024;
    m_exec_outcome.reset();
    m_exec = std::make_unique<LocalExec>(m_host, std::move(request), m_become,
                                         [this](CommandOutcome outcome) { m_exec_outcome = std::move(outcome); });
}

bool LocalUpload::exec_pending(Clock::time_point now)
{
    if (m_exec && m_exec->advance(now)) {
        m_exec.reset();
    }
    return m_exec != nullptr || !m_exec_outcome;
}

void LocalUpload::start()
{
    if (!m_request.skip_unchanged) {
        start_copy();
        return;
    }
    m_digest.emplace(m_request);
    if (m_become) {
        start_exec(probe_command(m_request.remote_path));
    } else {
        m_dest = local_state(m_request.remote_path);
        if (m_dest.kind == DestinationState::Kind::file) {
            m_dest_source.local_path = m_request.remote_path;
            m_dest_digest.emplace(m_dest_source);
        }
    }
    m_state = State::probe;
}

void LocalUpload::step_probe(Clock::time_point now)
{
    m_digest->step(k_budget);
    if (m_dest_digest) {
        m_dest_digest->step(k_budget);
    }
    if ((m_become && exec_pending(now)) || !m_digest->finished() || (m_dest_digest && !m_dest_digest->finished())) {
        return;
    }
    if (!m_digest->error().empty()) {
        refuse(m_digest->error());
        return;
    }
    if (!m_become) {
        if (m_dest_digest) { // unreadable: cannot tell, send anyway
            m_dest.sha256 = m_dest_digest->error().empty() ? m_dest_digest->digest() : "";
        }
        decide(m_dest);
        return;
    }
    CommandOutcome outcome = std::move(*m_exec_outcome);
    if (!outcome) {
        if (outcome.error().kind == FailureKind::sudo_password) {
            deliver(std::unexpected(outcome.error()));
        } else {
            refuse("probing the destination: " + without_host(m_host, outcome.error().message));
        }
        return;
    }
    decide(outcome->succeeded() ? parse_probe(outcome->stdout_data) : DestinationState{});
}

void LocalUpload::decide(const DestinationState& state)
{
    m_result.sha256 = m_digest->digest();
    const UploadDecision decision = decide_upload(m_request, state, m_result.sha256);
    switch (decision.action) {
    case UploadDecision::Action::refuse:
        refuse(decision.reason);
        return;
    case UploadDecision::Action::unchanged:
        deliver(m_result);
        return;
    case UploadDecision::Action::metadata_only:
        if (m_become) {
            start_exec(finish_command(m_request, FinishPlan{{}, {}, m_request.remote_path, true}));
            m_state = State::finish;
        } else {
            finish_in_process(true);
        }
        return;
    case UploadDecision::Action::send:
        start_copy();
        return;
    }
}

void LocalUpload::start_copy()
{
    m_copy = std::make_unique<FileCopy>(m_request, m_staged, 0600);
    m_state = State::copy;
}

void LocalUpload::step_copy()
{
    if (!m_copy->step(k_budget)) {
        return;
    }
    if (!m_copy->error().empty()) {
        refuse(m_copy->error());
        return;
    }
    m_result.sha256 = m_copy->sha256();
    m_result.bytes = m_copy->bytes();
    if (!m_become) {
        finish_in_process(false);
        return;
    }
    m_copy->keep(); // the finishing command moves it, or removes it when it fails
    start_exec(finish_command(m_request, FinishPlan{m_staged, m_temp, m_request.remote_path, true}));
    m_state = State::finish;
}

void LocalUpload::step_finish(Clock::time_point now)
{
    if (exec_pending(now)) {
        return;
    }
    CommandOutcome outcome = std::move(*m_exec_outcome);
    if (!outcome) {
        if (outcome.error().kind == FailureKind::sudo_password) {
            deliver(std::unexpected(outcome.error()));
        } else {
            refuse("moving it into place: " + without_host(m_host, outcome.error().message));
        }
        return;
    }
    if (!outcome->succeeded()) {
        refuse(command_reason(*outcome));
        return;
    }
    m_result.changed = true;
    deliver(m_result);
}

void LocalUpload::finish_in_process(bool metadata_only)
{
    const std::string& dest = m_request.remote_path;
    const std::string& target = metadata_only ? dest : m_temp;
    struct stat existing{};
    const bool exists = ::stat(dest.c_str(), &existing) == 0;
    std::optional<unsigned> mode = m_request.mode;
    if (!mode && !metadata_only) {
        mode = exists ? existing.st_mode & 07777 : 0644;
    }
    if (mode && ::chmod(target.c_str(), *mode & 07777) != 0) {
        refuse("chmod " + target + ": " + errno_text(errno));
        return;
    }
    const auto uid = m_request.owner ? user_id(*m_request.owner) : std::optional<uid_t>{};
    const auto gid = m_request.group ? group_id(*m_request.group) : std::optional<gid_t>{};
    if ((m_request.owner && !uid) || (m_request.group && !gid)) {
        refuse(m_request.owner && !uid ? "no such user: " + *m_request.owner : "no such group: " + *m_request.group);
        return;
    }
    if ((uid || gid) && ::chown(target.c_str(), uid.value_or(static_cast<uid_t>(-1)),
                                gid.value_or(static_cast<gid_t>(-1))) != 0) {
        refuse("chown " + target + ": " + errno_text(errno));
        return;
    }
    if (!metadata_only) {
        if (::rename(m_temp.c_str(), dest.c_str()) != 0) {
            refuse("cannot rename " + m_temp + ": " + errno_text(errno));
            return;
        }
        m_copy->keep();
    }
    m_result.changed = true;
    deliver(m_result);
}

LocalDownload::LocalDownload(std::string host, DownloadRequest request, std::function<void(TransferOutcome)> done)
    : m_host(std::move(host)), m_request(std::move(request)), m_done(std::move(done))
{
    m_source.local_path = m_request.remote_path;
    m_temp = temp_in(parent_of(m_request.local_path), random_suffix());
    m_copy = std::make_unique<FileCopy>(m_source, m_temp, 0666);
}

LocalDownload::~LocalDownload() = default;

void LocalDownload::deliver(TransferOutcome outcome)
{
    if (!m_delivered && m_done) {
        auto done = std::move(m_done);
        done(std::move(outcome));
    }
    m_delivered = true;
}

void LocalDownload::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
}

void LocalDownload::prepare(PollSet& set)
{
    set.wake_at(Clock::now());
}

bool LocalDownload::advance(Clock::time_point)
{
    if (m_delivered || !m_copy->step(k_budget)) {
        return m_delivered;
    }
    if (!m_copy->error().empty()) {
        deliver(std::unexpected(download_failure(m_host, m_request.remote_path, m_copy->error())));
        return true;
    }
    if (::rename(m_temp.c_str(), m_request.local_path.c_str()) != 0) {
        deliver(std::unexpected(download_failure(m_host, m_request.remote_path,
                                                 "cannot rename " + m_temp + ": " + errno_text(errno))));
        return true;
    }
    m_copy->keep();
    TransferResult result;
    result.changed = true;
    result.bytes = m_copy->bytes();
    result.sha256 = m_copy->sha256();
    deliver(std::move(result));
    return true;
}

} // namespace scsctl::transport
