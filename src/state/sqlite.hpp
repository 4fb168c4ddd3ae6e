// A thin RAII layer over the SQLite C API: a connection and prepared statements with
// typed binds and columns; every failure is a core::Error naming the database file.
// Depends on core and libsqlite3 only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace scsctl::state {

class Statement;

class Database {
public:
    /// Opens (creating when missing) the database file at `path`.
    static core::Result<Database> open(const std::string& path);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements that return no rows.
    core::Result<void> exec(std::string_view sql);
    core::Result<Statement> prepare(std::string_view sql);
    /// The first column of the first row of a query returning one integer.
    core::Result<std::int64_t> query_int(std::string_view sql);
    std::int64_t last_insert_id() const;
    const std::string& path() const { return m_path; }

    /// "PATH: MESSAGE (sqlite's own message)".
    core::Error error(const std::string& what) const;

private:
    Database(sqlite3* handle, std::string path) : m_handle(handle), m_path(std::move(path)) {}
    sqlite3* m_handle = nullptr;
    std::string m_path;
};

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    // Parameters are numbered from 1, as in SQL's ?1.
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t number);
    Statement& bind(int index, double number);
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::int64_t>& number);

    /// Advances: true on a row, false when done.
    core::Result<bool> step();
    /// Runs a statement returning no rows, then resets it for the next binds.
    core::Result<void> run();
    void reset();

    // Columns are numbered from 0.
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    bool is_null(int column) const;

private:
    friend class Database;
    Statement(Database& db, sqlite3_stmt* handle) : m_db(&db), m_handle(handle) {}
    Database* m_db;
    sqlite3_stmt* m_handle;
};

} // namespace scsctl::state
