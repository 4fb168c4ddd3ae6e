// The etcd run store's writes: run ids from the counter key, the run row, and the
// group-commit writer. etcd refuses a txn of more than 128 operations or 1.5 MiB, so a
// large batch is written as several txns of at most k_txn_ops puts and ~k_txn_bytes.
#include "state/etcd_run_store.hpp"

#include <charconv>

#include "state/etcd_url.hpp"

namespace scsctl::state {

namespace {

constexpr std::size_t k_txn_ops = 100;
constexpr std::size_t k_txn_bytes = 900 * 1024; ///< before base64, which adds a third
/// A task result larger than this is stored without its registered result (etcd limits a
/// request to 1.5 MiB by default).
constexpr std::size_t k_max_record = 900 * 1024;
constexpr int k_attempts = 50;

} // namespace

core::Result<std::unique_ptr<EtcdRunStore>>
EtcdRunStore::open(const std::string& url, std::chrono::milliseconds commit_interval, EtcdClientOptions client_options)
{
    const auto location = SCSCTL_TRY(parse_etcd_url(url));
    auto client = SCSCTL_TRY(EtcdClient::create(location.endpoint, client_options));
    EtcdRunKeys keys(location.prefix);
    SCSCTL_TRY(client->get(keys.counter())); // fail now, not at the first write
    return std::unique_ptr<EtcdRunStore>(new EtcdRunStore(std::move(client), url, location.prefix, commit_interval));
}

EtcdRunStore::EtcdRunStore(std::unique_ptr<EtcdClient> client, std::string url, const std::string& prefix,
                           std::chrono::milliseconds commit_interval)
    : m_client(std::move(client)), m_url(std::move(url)), m_keys(prefix),
      m_queue(commit_interval, [this](const std::vector<Pending>& batch) { return write_batch(batch); })
{
}

EtcdRunStore::~EtcdRunStore() = default;

core::Result<RunId> EtcdRunStore::begin_run(const RunRow& run)
{
    const std::string counter = m_keys.counter();
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
        auto current = SCSCTL_TRY(m_client->get(counter));
        RunId id = 1;
        EtcdCompare unchanged{counter, EtcdCompare::Target::create_revision, 0, {}};
        if (current) {
            const auto& text = current->value;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
            if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
                return core::fail(m_client->error(counter + " does not hold a run number"));
            }
            unchanged = EtcdCompare{counter, EtcdCompare::Target::mod_revision, current->mod_revision, {}};
        }
        RunRow row = run;
        row.id = id;
        auto written = SCSCTL_TRY(m_client->txn(
            {unchanged}, {EtcdPut{counter, std::to_string(id + 1), 0}, EtcdPut{m_keys.run(id), run_record(row), 0}}));
        if (written.succeeded) {
            return id;
        }
        // Another runner took this number: read the counter again.
    }
    return core::fail(m_client->error(counter + " kept changing while numbering the run; try again"));
}

core::Result<void> EtcdRunStore::finish_run(RunId run, const std::string& status, int exit_code)
{
    auto flushed = flush();
    const std::string key = m_keys.run(run);
    auto current = SCSCTL_TRY(m_client->get(key));
    if (!current) {
        return core::fail(m_client->error(key + ": the run's record is gone"));
    }
    auto row = parse_run_record(current->value);
    if (!row) {
        return core::fail(malformed(key));
    }
    row->status = status;
    row->exit_code = exit_code;
    row->ended_at = now_seconds();
    SCSCTL_TRY(m_client->put(EtcdPut{key, run_record(*row), 0}));
    return flushed;
}

void EtcdRunStore::record(TaskRow row)
{
    enqueue(JournalEntry(std::move(row)));
}

void EtcdRunStore::record(FactsRow row)
{
    enqueue(JournalEntry(std::move(row)));
}

void EtcdRunStore::enqueue(JournalEntry entry)
{
    m_queue.push([&] {
        std::int64_t seq = 0;
        if (const auto* task = std::get_if<TaskRow>(&entry)) {
            seq = m_next_seq[task->run]++;
        }
        return Pending{std::move(entry), seq};
    });
}

core::Result<void> EtcdRunStore::flush()
{
    return m_queue.flush();
}

std::size_t EtcdRunStore::commits() const
{
    return m_queue.commits();
}

core::Result<void> EtcdRunStore::write_batch(const std::vector<Pending>& batch)
{
    std::vector<EtcdOperation> puts;
    std::size_t bytes = 0;
    for (const auto& pending : batch) {
        EtcdPut put;
        if (const auto* task = std::get_if<TaskRow>(&pending.entry)) {
            put.key = m_keys.result(task->run, pending.seq);
            put.value = task_record(*task);
            if (put.value.size() > k_max_record) {
                TaskRow smaller = *task;
                smaller.result = core::Value{{"scsctl_note", "result not stored: " + std::to_string(put.value.size()) +
                                                                 " bytes exceed the etcd state's record limit"}};
                put.value = task_record(smaller);
            }
        } else {
            const auto& facts = std::get<FactsRow>(pending.entry);
            put.key = m_keys.fact(facts.run, facts.host);
            put.value = facts_record(facts);
        }
        if (!puts.empty() && (puts.size() >= k_txn_ops || bytes + put.value.size() > k_txn_bytes)) {
            SCSCTL_TRY(m_client->txn({}, puts));
            puts.clear();
            bytes = 0;
        }
        bytes += put.key.size() + put.value.size();
        puts.push_back(std::move(put));
    }
    if (!puts.empty()) {
        SCSCTL_TRY(m_client->txn({}, puts));
    }
    return {};
}

core::Error EtcdRunStore::malformed(const std::string& key) const
{
    return m_client->error(key + " does not hold a run store record");
}

} // namespace scsctl::state
