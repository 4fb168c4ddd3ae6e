// The SQLite wrapper: statements are finalized by their destructors, errors carry the
// database path and SQLite's message.
#include "state/sqlite.hpp"

#include <sqlite3.h>

namespace scsctl::state {

core::Result<Database> Database::open(const std::string& path)
{
    sqlite3* handle = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
        std::string message = handle != nullptr ? sqlite3_errmsg(handle) : "out of memory";
        sqlite3_close(handle);
        return core::fail(core::Error{core::ErrorKind::io, path + ": cannot open the journal (" + message + ")", {}});
    }
    // A second process (scsctl runs during a run) waits for the writer instead of failing.
    sqlite3_busy_timeout(handle, 5000);
    return Database(handle, path);
}

Database::Database(Database&& other) noexcept : m_handle(other.m_handle), m_path(std::move(other.m_path))
{
    other.m_handle = nullptr;
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        sqlite3_close(m_handle);
        m_handle = other.m_handle;
        m_path = std::move(other.m_path);
        other.m_handle = nullptr;
    }
    return *this;
}

Database::~Database()
{
    sqlite3_close(m_handle);
}

core::Error Database::error(const std::string& what) const
{
    return core::Error{core::ErrorKind::io, m_path + ": " + what + " (" + sqlite3_errmsg(m_handle) + ")", {}};
}

core::Result<void> Database::exec(std::string_view sql)
{
    const std::string text(sql);
    if (sqlite3_exec(m_handle, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return core::fail(error("journal statement failed"));
    }
    return {};
}

core::Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* handle = nullptr;
    if (sqlite3_prepare_v2(m_handle, sql.data(), static_cast<int>(sql.size()), &handle, nullptr) != SQLITE_OK) {
        return core::fail(error("cannot prepare a journal query"));
    }
    return Statement(*this, handle);
}

core::Result<std::int64_t> Database::query_int(std::string_view sql)
{
    auto statement = SCSCTL_TRY(prepare(sql));
    if (!SCSCTL_TRY(statement.step())) {
        return core::fail(error("journal query returned nothing"));
    }
    return statement.integer(0);
}

std::int64_t Database::last_insert_id() const
{
    return sqlite3_last_insert_rowid(m_handle);
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_handle(other.m_handle)
{
    other.m_handle = nullptr;
}

Statement::~Statement()
{
    sqlite3_finalize(m_handle);
}

Statement& Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(m_handle, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t number)
{
    sqlite3_bind_int64(m_handle, index, number);
    return *this;
}

Statement& Statement::bind(int index, double number)
{
    sqlite3_bind_double(m_handle, index, number);
    return *this;
}

Statement& Statement::bind_null(int index)
{
    sqlite3_bind_null(m_handle, index);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& number)
{
    return number ? bind(index, *number) : bind_null(index);
}

core::Result<bool> Statement::step()
{
    const int status = sqlite3_step(m_handle);
    if (status == SQLITE_ROW) {
        return true;
    }
    if (status == SQLITE_DONE) {
        return false;
    }
    return core::fail(m_db->error("journal query failed"));
}

core::Result<void> Statement::run()
{
    auto stepped = step();
    reset();
    if (!stepped) {
        return core::fail(stepped.error());
    }
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_handle);
    sqlite3_clear_bindings(m_handle);
}

std::string Statement::text(int column) const
{
    const auto* bytes = sqlite3_column_text(m_handle, column);
    const int size = sqlite3_column_bytes(m_handle, column);
    return bytes == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_handle, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_handle, column);
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(m_handle, column) == SQLITE_NULL;
}

} // namespace scsctl::state
