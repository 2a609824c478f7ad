using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Incentives;
using Incentives.Budgets;
using Incentives.PostgreSql;
using Incentives.PostgreSql.Worker;
using NodaTime;
using Npgsql;

// Usage: worker claim|lease <connection string> <tree id> <worker id> <operations> [hold seconds]
// claim: reserves 0.01-3.00 on root/a (as ann or someone else) or root/b, then commits or releases; prints "C <id> <units>"
//        after every commit that succeeded, "R <id>" after every reserve, and "DONE" at the end.
// lease-hang: like lease, then prints "HOLDING" and waits with its slice held (the test kills it).
// lease: grants 0.01-0.50 from a BudgetLease on "hot" until the budget is gone or the operations are done; prints
//        "G <units>" per settled total and "DONE <granted units>" at the end.
var mode = args[0];
var dataSource = NpgsqlDataSource.Create(args[1]);
var treeId = args[2];
var workerId = args[3];
var operations = int.Parse(args[4], CultureInfo.InvariantCulture);
var holdSeconds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 30;
var clock = SystemClock.Instance;
var random = new Random(workerId.GetHashCode(StringComparison.Ordinal));
Console.Out.Flush();
if (mode == "claim")
{
    var ledger = await PostgreSqlBudgetLedger.OpenAsync(dataSource, treeId, WorkerTrees.Claims());
    for (var i = 0; i < operations; i++)
    {
        var now = clock.GetCurrentInstant();
        var path = random.Next(2) == 0 ? "root/a" : "root/b";
        var participant = random.Next(2) == 0 ? WorkerTrees.CappedParticipant : $"{workerId}-p{i}";
        var amount = Money.FromMinorUnits(1 + random.Next(300), Currency.CNY);
        var reserved = await ledger.ReserveAsync(new ReserveRequest($"{workerId}-{i}", path, participant, amount, now, now + Duration.FromSeconds(holdSeconds)));
        if (!reserved.IsReserved)
        {
            continue;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"R {reserved.ReservationId.Value}"));
        if (random.Next(4) == 0)
        {
            await ledger.ReleaseAsync(reserved.ReservationId, clock.GetCurrentInstant());
            continue;
        }

        var commit = await ledger.CommitAsync(reserved.ReservationId, amount, clock.GetCurrentInstant());
        if (commit.Succeeded)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C {reserved.ReservationId.Value} {amount.MinorUnits}"));
        }
    }
}
else
{
    var ledger = await PostgreSqlBudgetLedger.OpenAsync(dataSource, treeId, WorkerTrees.Hot());
    long granted = 0;
    await using (var lease = new BudgetLease(ledger, "hot", workerId, Money.FromDecimal(20m, Currency.CNY), Duration.FromSeconds(holdSeconds), clock))
    {
        for (var i = 0; i < operations; i++)
        {
            var amount = Money.FromMinorUnits(1 + random.Next(50), Currency.CNY);
            if (!await lease.TryGrantAsync(amount))
            {
                break;
            }

            granted += amount.MinorUnits;
        }

        if (mode == "lease-hang")
        {
            // A server that keeps its slice and then dies: the test kills it here.
            Console.WriteLine("HOLDING");
            await Task.Delay(Timeout.Infinite);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"G {granted}"));
}

Console.WriteLine("DONE");
await dataSource.DisposeAsync();
