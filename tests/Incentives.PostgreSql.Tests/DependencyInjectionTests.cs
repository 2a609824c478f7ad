using System;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Rewards;
using Incentives.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.PostgreSql.Tests;

/// <summary><c>AddIncentives(...).UsePostgreSql(...)</c>: the engine's budgets live in the database.</summary>
public sealed class DependencyInjectionTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Fact]
    public async Task An_engine_resolved_with_UsePostgreSql_reserves_and_commits_in_the_database()
    {
        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 3, Shanghai);
        var tree = new BudgetTreeBuilder(Currency.CNY, festival).Add("fest", Money.FromDecimal(100m, Currency.CNY)).Build();
        var budgetId = "di-" + Guid.NewGuid().ToString("N");
        var noon = Instant.FromUtc(2026, 2, 15, 4, 0);
        var services = new ServiceCollection();
        services.AddIncentives(incentives => incentives
            .AddBudget(budgetId, tree)
            .AddCampaign(Campaign.Create("welcome").During(festival)
                .Rewarding(new FixedRewardPolicy(Money.FromDecimal(5m, Currency.CNY)))
                .DrawingFrom(budgetId, "fest")
                .Build())
            .UseClock(new FakeClock(noon))
            .UsePostgreSql(PostgresServer.DataSource));
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CampaignEngine>();

        var result = await engine.ClaimAsync(new Claim(new Participant("ann"), noon, "app"), "order-1");
        await engine.CommitAsync(result.Grant.Reference, result.Grant.Amount);

        Assert.IsType<PostgreSqlBudgetLedger>(engine.Ledgers[budgetId]);
        // A second ledger opened on the same tree id reads the same rows: the grant is in the database, not in memory.
        var reopened = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, budgetId, tree);
        Assert.Equal(Money.FromDecimal(5m, Currency.CNY), (await reopened.GetSnapshotAsync(noon))["fest"].Committed);
    }

    [Fact]
    public void Guard_clauses_name_their_parameters()
    {
        var builder = new ServiceCollection().AddIncentives();

        Assert.Throws<ArgumentNullException>("dataSource", () => builder.UsePostgreSql((Npgsql.NpgsqlDataSource)null!));
        Assert.Throws<ArgumentException>("connectionString", () => builder.UsePostgreSql(" "));
    }
}
