using System;
using Npgsql;

namespace Incentives.PostgreSql;

/// <summary>
/// The PostgreSQL ledger could not do what was asked for a reason outside the budget rules: the database is unreachable,
/// a transient failure persisted through every retry, the schema is missing or newer, or a tree id holds a different tree.
/// Budget outcomes (denials) are never exceptions.
/// </summary>
public sealed class PostgreSqlLedgerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgreSqlLedgerException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public PostgreSqlLedgerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The Npgsql or PostgreSQL failure.</param>
    public PostgreSqlLedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the operation may have been applied before the failure (the connection was lost while the transaction was
    /// committing). Retrying with the same idempotency key or reservation id is safe: it replays, never applies twice.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    internal static PostgreSqlLedgerException Unreachable(NpgsqlDataSource dataSource, Exception inner)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new PostgreSqlLedgerException(
            $"Cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}'): {inner.Message}. Check that the server runs and the connection string is right.",
            inner);
    }
}
