using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Incentives.PostgreSql;

/// <summary>
/// Creates and upgrades the ledger's tables: an explicit, idempotent, versioned migration. The same SQL ships in the
/// package (<c>sql/001_ledger.sql</c>, <c>sql/002_ledger.sql</c>) for DBAs who run migrations themselves.
/// </summary>
/// <threadsafety>Safe to call from several processes at once: migrations take a transaction-scoped advisory lock.</threadsafety>
public static class PostgreSqlLedgerSchema
{
    /// <summary>The schema version this package expects (recorded in <c>&lt;schema&gt;.schema_version</c>).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The schema name used when none is given: <c>incentives</c>.</summary>
    public const string DefaultSchema = "incentives";

    // A fixed advisory lock key ("INCENTIV" in ASCII) serializing concurrent migrations.
    private const long MigrationLockKey = 0x494E43454E544956;

    /// <summary>Returns the migration SQL of <paramref name="version"/> with the schema renamed to <paramref name="schema"/>.</summary>
    /// <param name="schema">The PostgreSQL schema that holds the ledger tables.</param>
    /// <param name="version">The migration version, 1 to <see cref="CurrentVersion"/>.</param>
    /// <returns>The SQL text, ready to run.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a known version.</exception>
    public static string GetMigrationScript(string schema = DefaultSchema, int version = CurrentVersion)
    {
        CheckSchema(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, CurrentVersion);
        var name = string.Create(CultureInfo.InvariantCulture, $"Incentives.PostgreSql.Sql.{version:000}_ledger.sql");
        using var stream = typeof(PostgreSqlLedgerSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded migration '{name}' is missing from the package.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\"incentives\"", Quote(schema), StringComparison.Ordinal);
    }

    /// <summary>
    /// Brings the ledger schema to <see cref="CurrentVersion"/>: runs each missing migration in its own transaction and
    /// records it. Calling it again (or from several processes at once) does nothing more.
    /// </summary>
    /// <param name="dataSource">The database to migrate.</param>
    /// <param name="schema">The PostgreSQL schema that holds the ledger tables (created if missing).</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The schema version before the call (0 for a new database).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database cannot be reached, or its schema is newer than this package.</exception>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, string schema = DefaultSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        CheckSchema(schema);
        NpgsqlConnection connection;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw PostgreSqlLedgerException.Unreachable(dataSource, e);
        }

        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken).ConfigureAwait(false);
                var before = await CurrentVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
                if (before > CurrentVersion)
                {
                    throw new PostgreSqlLedgerException(
                        $"The schema \"{schema}\" is at version {before.ToString(CultureInfo.InvariantCulture)}, newer than this package's {CurrentVersion.ToString(CultureInfo.InvariantCulture)}; upgrade Incentives.PostgreSql.");
                }

                for (var version = before + 1; version <= CurrentVersion; version++)
                {
                    await Execute(connection, transaction, GetMigrationScript(schema, version), cancellationToken).ConfigureAwait(false);
                    await Execute(connection, transaction, $"INSERT INTO {Quote(schema)}.schema_version (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)}) ON CONFLICT DO NOTHING", cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return before;
            }
        }
    }

    internal static string Quote(string schema) => "\"" + schema + "\"";

    internal static void CheckSchema(string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        foreach (var c in schema)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new ArgumentException($"The schema name '{schema}' must use only lower-case ASCII letters, digits and '_'.", nameof(schema));
            }
        }
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection, transaction);
        exists.Parameters.AddWithValue("name", Quote(schema) + ".schema_version");
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return 0;
        }

        await using var max = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {Quote(schema)}.schema_version", connection, transaction);
        return (int)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
