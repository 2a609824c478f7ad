using System;
using System.Threading;
using Npgsql;

namespace Incentives.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>INCENTIVES_POSTGRES</c> (an Npgsql connection string), else the local
/// database that <c>.ci/run</c> creates. Without a reachable server the tests are skipped with the reason, unless
/// <c>CI=true</c>: then they run and fail.
/// </summary>
public static class PostgresServer
{
    /// <summary>The variable that holds the connection string.</summary>
    public const string Variable = "INCENTIVES_POSTGRES";

    /// <summary>Used when the variable is not set: what <c>.ci/run</c> creates.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=5432;Database=incentives_test;Username=incentives;Password=incentives";

    private static readonly Lazy<string?> Skip = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<NpgsqlDataSource> Source = new(CreateSource, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string in use.</summary>
    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : LocalDefault;

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run (a server answered, or CI=true).</summary>
    public static string? SkipReason => Skip.Value;

    /// <summary>A data source on the test database, migrated once.</summary>
    public static NpgsqlDataSource DataSource => Source.Value;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Probe()
    {
        if (IsCi)
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            return $"No PostgreSQL server: set {Variable} to an Npgsql connection string (see docs/postgresql.md); tried '{Redacted()}': {e.Message}";
        }
    }

    private static string Redacted()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        builder.Password = builder.Password is null ? null : "***";
        return builder.ConnectionString;
    }

    private static NpgsqlDataSource CreateSource()
    {
        // Auto-preparing the ledger's few statements saves the server parsing and planning them on every call.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        PostgreSqlLedgerSchema.MigrateAsync(source).GetAwaiter().GetResult();
        return source;
    }
}
