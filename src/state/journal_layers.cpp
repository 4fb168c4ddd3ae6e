// The SQLite journal's layer deployments (schema versions 4 and 5): written in one transaction
// per call, outside the group-commit queue (a deploy writes a handful per layer).
#include "state/journal.hpp"

namespace scsctl::state {

core::Result<void> Journal::record_layers(const std::vector<LayerRow>& rows)
{
    std::lock_guard lock(m_db_mutex);
    SCSCTL_TRY(m_db.exec("BEGIN IMMEDIATE"));
    auto written = [&]() -> core::Result<void> {
        auto insert = SCSCTL_TRY(m_db.prepare(
            "INSERT INTO layer_deployments (run_id, layer, version, host, result, finished_at, inventory_sha256, "
            "playbooks_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
        for (const auto& row : rows) {
            insert.bind(1, row.run)
                .bind(2, row.layer)
                .bind(3, row.version)
                .bind(4, row.host)
                .bind(5, row.result)
                .bind(6, row.finished_at)
                .bind(7, row.inventory_sha256)
                .bind(8, row.playbooks_sha256);
            SCSCTL_TRY(insert.run());
        }
        return {};
    }();
    if (!written) {
        (void)m_db.exec("ROLLBACK");
        return written;
    }
    return m_db.exec("COMMIT");
}

core::Result<std::vector<LayerRow>> Journal::layer_rows()
{
    std::lock_guard lock(m_db_mutex);
    auto select = SCSCTL_TRY(m_db.prepare(
        "SELECT run_id, layer, version, host, result, finished_at, inventory_sha256, playbooks_sha256 "
        "FROM layer_deployments ORDER BY id"));
    std::vector<LayerRow> rows;
    while (SCSCTL_TRY(select.step())) {
        rows.push_back(LayerRow{select.integer(0), select.text(1), select.text(2), select.text(3), select.text(4),
                                select.real(5), select.text(6), select.text(7)});
    }
    return rows;
}

} // namespace scsctl::state
