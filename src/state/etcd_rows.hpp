// The run store's layout in etcd: which key holds what under PREFIX/runs/, and the rows
// (run, task result, host facts) as JSON values, read back with every field checked.
// Depends on core and state (rows).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "state/journal_rows.hpp"
#include "state/layer_rows.hpp"

namespace scsctl::state {

/// PREFIX/runs/next_id            the next run id (a counter taken in a txn)
/// PREFIX/runs/rows/RUN           a run (RUN zero-padded, so key order is id order)
/// PREFIX/runs/results/RUN/SEQ    its task results in recorded order
/// PREFIX/runs/facts/RUN/HOST     its hosts' facts
/// PREFIX/layers/RUN/LAYER/HOST   what deploy run RUN did to LAYER on HOST (layer_rows.hpp)
class EtcdRunKeys {
  public:
    explicit EtcdRunKeys(std::string prefix) : m_prefix(std::move(prefix)) {}
    std::string counter() const { return m_prefix + "/runs/next_id"; }
    std::string runs() const { return m_prefix + "/runs/rows/"; }
    std::string run(RunId id) const { return runs() + padded(id, 12); }
    std::string results(RunId id) const { return m_prefix + "/runs/results/" + padded(id, 12) + "/"; }
    std::string result(RunId id, std::int64_t seq) const { return results(id) + padded(seq, 10); }
    std::string facts(RunId id) const { return m_prefix + "/runs/facts/" + padded(id, 12) + "/"; }
    std::string fact(RunId id, const std::string& host) const { return facts(id) + host; }
    std::string layers() const { return m_prefix + "/layers/"; }
    std::string layer(RunId id, const std::string& layer, const std::string& host) const
    {
        return layers() + padded(id, 12) + "/" + layer + "/" + host;
    }

  private:
    static std::string padded(std::int64_t number, std::size_t width);
    std::string m_prefix;
};

std::string run_record(const RunRow& run);
std::string task_record(const TaskRow& row);
std::string facts_record(const FactsRow& row);
std::string layer_record(const LayerRow& row);

/// The row in `text`; nullopt when it is not such a record.
std::optional<RunRow> parse_run_record(const std::string& text);
std::optional<TaskRow> parse_task_record(const std::string& text);
std::optional<FactsRow> parse_facts_record(const std::string& text);
std::optional<LayerRow> parse_layer_record(const std::string& text);

} // namespace scsctl::state
