using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Incentives.Budgets;
using Incentives.PostgreSql;
using NodaTime;
using Npgsql;

namespace Incentives.Benchmarks.PostgreSql;

/// <summary>
/// One hot budget claimed by concurrent clients on a local PostgreSQL server (INCENTIVES_POSTGRES, see
/// docs/postgresql.md): reserve+commit through <see cref="PostgreSqlBudgetLedger"/> directly and through a
/// <see cref="BudgetLease"/> per client, against a single-row guarded UPDATE loop as the baseline. One operation is one
/// grant of 0.01; the figures are per grant.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 15, invocationCount: 1)]
public class PostgreSqlHotBudgetBenchmarks
{
    private const int OperationsPerClient = 100;
    private static readonly Money Cent = Money.FromMinorUnits(1, Currency.CNY);
    private NpgsqlDataSource dataSource = null!;
    private PostgreSqlBudgetLedger ledger = null!;
    private BudgetLease[] leases = [];
    private long keys;

    /// <summary>Concurrent clients (each with its own connection from the pool).</summary>
    [Params(1, 4, 16)]
    public int Clients { get; set; }

    /// <summary>Creates the hot row, the tree and the leases.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("INCENTIVES_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Database=incentives_test;Username=incentives;Password=incentives")
        {
            MaxAutoPrepare = 64,
        };
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        PostgreSqlLedgerSchema.MigrateAsync(dataSource).GetAwaiter().GetResult();
        using (var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS bench_hot (id int PRIMARY KEY, remaining bigint NOT NULL); " +
            "INSERT INTO bench_hot VALUES (1, 9000000000000000) ON CONFLICT (id) DO UPDATE SET remaining = 9000000000000000"))
        {
            create.ExecuteNonQuery();
        }

        var tree = new BudgetTreeBuilder(Currency.CNY).Add("hot", Money.FromMinorUnits(9_000_000_000_000_000, Currency.CNY)).Build();
        ledger = PostgreSqlBudgetLedger.OpenAsync(dataSource, "bench-" + Guid.NewGuid().ToString("N"), tree).GetAwaiter().GetResult();
        var clock = NodaTime.SystemClock.Instance;
        leases = Enumerable.Range(0, Clients)
            .Select(c => new BudgetLease(ledger, "hot", $"bench-{Guid.NewGuid():N}-{c}", Money.FromDecimal(1000m, Currency.CNY), Duration.FromMinutes(10), clock))
            .ToArray();
    }

    /// <summary>Returns the leases' slices.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var lease in leases)
        {
            lease.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        dataSource.Dispose();
    }

    /// <summary>Baseline: <c>UPDATE bench_hot SET remaining = remaining - 1 WHERE id = 1 AND remaining >= 1</c>, one statement per grant.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerClient)]
    public Task GuardedUpdate() => Run(async _ =>
    {
        await using var command = dataSource.CreateCommand("UPDATE bench_hot SET remaining = remaining - $1 WHERE id = 1 AND remaining >= $1");
        command.Parameters.AddWithValue(1L);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The hot row ran dry.");
        }
    });

    /// <summary>
    /// Floor, not a ledger: two baseline statements per grant, the least that any two-call protocol (reserve, then
    /// commit) costs on this machine, whatever each call does.
    /// </summary>
    [Benchmark(OperationsPerInvoke = OperationsPerClient)]
    public Task TwoGuardedUpdatesFloor() => Run(async _ =>
    {
        for (var call = 0; call < 2; call++)
        {
            await using var command = dataSource.CreateCommand("UPDATE bench_hot SET remaining = remaining - $1 WHERE id = 1 AND remaining >= $1");
            command.Parameters.AddWithValue(1L);
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The hot row ran dry.");
            }
        }
    });

    /// <summary>Reserve then commit on the hot node through the ledger (two autocommitted function calls per grant).</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerClient)]
    public Task LedgerReserveCommit() => Run(async _ =>
    {
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var reserved = await ledger.ReserveAsync(new ReserveRequest(
            "k" + Interlocked.Increment(ref keys).ToString(System.Globalization.CultureInfo.InvariantCulture), "hot", "p", Cent, now, now + Duration.FromMinutes(5)));
        if (!(await ledger.CommitAsync(reserved.ReservationId, Cent, now)).Succeeded)
        {
            throw new InvalidOperationException(reserved.ToString());
        }
    });

    /// <summary>
    /// Variant, not the headline: <see cref="PostgreSqlBudgetLedger.GrantAsync"/>, reserve and commit in full in one
    /// transaction (one round trip per grant, same checks and idempotency key), for grants that need no hold.
    /// </summary>
    [Benchmark(OperationsPerInvoke = OperationsPerClient)]
    public Task LedgerGrantVariant() => Run(async _ =>
    {
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var granted = await ledger.GrantAsync(new ReserveRequest(
            "g" + Interlocked.Increment(ref keys).ToString(System.Globalization.CultureInfo.InvariantCulture), "hot", "p", Cent, now, now + Duration.FromMinutes(5)));
        if (!granted.IsReserved)
        {
            throw new InvalidOperationException(granted.ToString());
        }
    });

    /// <summary>A grant from the client's lease (a database round trip only when its slice of 1000.00 runs out).</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerClient)]
    public Task Leased() => Run(async client =>
    {
        if (!await leases[client].TryGrantAsync(Cent))
        {
            throw new InvalidOperationException("The lease was refused.");
        }
    });

    // Clients concurrent loops of OperationsPerClient grants; BenchmarkDotNet divides by OperationsPerClient, so the
    // reported time is per round of one grant by every client: ops/s = Clients / mean.
    private async Task Run(Func<int, Task> grant)
    {
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < OperationsPerClient; i++)
            {
                await grant(c);
            }
        })));
    }
}
