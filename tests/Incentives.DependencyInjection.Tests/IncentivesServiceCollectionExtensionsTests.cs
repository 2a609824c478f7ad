using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentValidation;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Incentives.Claims;
using Incentives.Diagnostics;
using Incentives.Rewards;
using Incentives.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.DependencyInjection.Tests;

public sealed class IncentivesServiceCollectionExtensionsTests
{
    /// <summary>docs/dependency-injection.md "From JSON".</summary>
    public const string Programme = """
        {
          "budgets": [ { "id": "fest", "tree": { "nodes": [
              { "id": "fest", "limit": { "amount": "100.00", "currency": "CNY" } },
              { "id": "fest/app", "limit": { "amount": "60.00", "currency": "CNY" } } ] } } ],
          "campaigns": [ {
              "id": "lunch",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
              "rule": { "type": "channel", "channels": ["app"] },
              "reward": { "type": "fixed", "amount": { "amount": "8.88", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/{channel}" } } ]
        }
        """;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Noon = new LocalDateTime(2026, 2, 15, 12, 0).InZoneStrictly(Shanghai).ToInstant();

    private static Claim Claim(string participant = "alice") => new(new Participant(participant), Noon, "app");

    [Fact]
    public async Task The_engine_resolves_from_a_JSON_programme_and_grants()
    {
        // docs/dependency-injection.md "From JSON"
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Noon));
        services.AddIncentives(incentives => incentives.AddProgrammeJson(Programme));
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<CampaignEngine>();
        var result = await engine.ClaimAsync(Claim(), "order-1");

        Assert.Equal(("lunch", "fest/app"), (result.Grant.CampaignId, result.Grant.NodePath));
        Assert.Same(engine, provider.GetRequiredService<CampaignEngine>());
        Assert.Equal("lunch", Assert.Single(provider.GetRequiredService<CampaignProgramme>().Campaigns).Id);
    }

    [Fact]
    public async Task Campaigns_and_budgets_built_in_code_are_registered_without_JSON()
    {
        // docs/dependency-injection.md "In code"
        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 3, Shanghai);
        var tree = new BudgetTreeBuilder(Currency.CNY, festival).Add("fest", Money.FromDecimal(100m, Currency.CNY)).Build();
        var services = new ServiceCollection();
        services.AddIncentives(incentives => incentives
            .AddBudget("fest", tree)
            .AddCampaign(Campaign.Create("welcome").During(festival)
                .Rewarding(new FixedRewardPolicy(Money.FromDecimal(5m, Currency.CNY)))
                .DrawingFrom("fest", "fest")
                .Build())
            .UseClock(new FakeClock(Noon)));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<CampaignEngine>().ClaimAsync(Claim(), "order-1");

        Assert.Equal(Money.FromDecimal(5m, Currency.CNY), result.Grant.Amount);
    }

    [Fact]
    public async Task A_programme_stream_and_a_budget_definition_are_read_like_text()
    {
        var definition = CampaignProgrammeJson.Deserialize(Programme);
        var tree = definition.Budgets![0]!.Tree!;
        var campaignOnly = new CampaignProgrammeDefinition { Campaigns = definition.Campaigns };
        using var stream = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(CampaignProgrammeJson.Serialize(campaignOnly)));
        var services = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Noon));
        services.AddIncentives().AddBudget("fest", tree).AddProgrammeJson(stream);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<CampaignEngine>().ClaimAsync(Claim(), "order-1");

        Assert.Equal("fest/app", result.Grant.NodePath);
    }

    [Fact]
    public void Calling_AddIncentives_twice_registers_once_and_adds_to_the_same_programme()
    {
        var services = new ServiceCollection();
        services.AddIncentives(incentives => incentives.AddProgrammeJson(Programme));
        services.AddIncentives(incentives => incentives.AddCampaignJson("""
            { "id": "dinner", "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
              "reward": { "type": "fixed", "amount": { "amount": "1", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest" } }
            """));
        services.AddSingleton<IClock>(new FakeClock(Noon));

        Assert.Single(services, d => d.ServiceType == typeof(CampaignEngine));
        Assert.Single(services, d => d.ServiceType == typeof(CampaignProgramme));
        Assert.Single(services, d => d.ServiceType == typeof(IValidator<CampaignDefinition>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(new[] { "dinner", "lunch" }, provider.GetRequiredService<CampaignEngine>().Campaigns.Select(c => c.Id).Order());
        Assert.IsType<CampaignDefinitionValidator>(provider.GetRequiredService<IValidator<CampaignDefinition>>());
        Assert.IsType<CampaignProgrammeDefinitionValidator>(provider.GetRequiredService<IValidator<CampaignProgrammeDefinition>>());
    }

    [Fact]
    public void A_registered_clock_is_honoured_and_the_system_clock_is_the_default()
    {
        var fake = new FakeClock(Noon);
        var withFake = new ServiceCollection().AddSingleton<IClock>(fake).AddIncentives(i => i.AddProgrammeJson(Programme));
        var withNone = new ServiceCollection().AddIncentives(i => i.AddProgrammeJson(Programme));
        using var fakeProvider = withFake.BuildServiceProvider();
        using var noneProvider = withNone.BuildServiceProvider();

        Assert.Same(fake, fakeProvider.GetRequiredService<CampaignEngine>().Clock);
        Assert.Same(SystemClock.Instance, noneProvider.GetRequiredService<CampaignEngine>().Clock);
    }

    [Fact]
    public async Task The_fake_clock_decides_when_a_hold_expires()
    {
        var clock = new FakeClock(Noon);
        var services = new ServiceCollection().AddSingleton<IClock>(clock).AddIncentives(i => i.AddProgrammeJson(Programme));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CampaignEngine>();
        var grant = (await engine.ClaimAsync(Claim(), "order-1")).Grant;

        clock.Advance(Campaign.DefaultHold + Duration.FromSeconds(1));
        var expired = await engine.ExpireDueAsync();

        Assert.Equal(1, expired);
        Assert.False((await engine.CommitAsync(grant)).Succeeded);
    }

    [Fact]
    public void Invalid_definitions_fail_at_first_resolution_with_one_exception_listing_every_problem()
    {
        var services = new ServiceCollection();
        services.AddIncentives(incentives => incentives
            .AddProgrammeJson(Programme.Replace("\"8.88\"", "\"-1\"", StringComparison.Ordinal).Replace("Asia/Shanghai", "Asia/Beijing", StringComparison.Ordinal))
            .AddCampaignJson("""{ "id": "dinner", "stacking": "greedy" }""")
            .AddCampaignJson("{ not json"));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<ValidationException>(() => provider.GetRequiredService<CampaignEngine>());

        var paths = e.Errors.Select(f => f.PropertyName).ToList();
        Assert.Contains("sources[0].campaigns[0].window.zone", paths);
        Assert.Contains(paths, p => p.StartsWith("sources[0].campaigns[0].reward", StringComparison.Ordinal));
        Assert.Contains("sources[1].window", paths);
        Assert.Contains("sources[1].reward", paths);
        Assert.Contains("sources[1].budget", paths);
        Assert.Contains("sources[1].stacking", paths);
        Assert.Contains(e.Errors, f => f.ErrorCode == "json.invalid" && f.PropertyName.StartsWith("sources[2]", StringComparison.Ordinal));
        Assert.StartsWith("The Incentives programme is invalid:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyed_engines_run_independent_programmes()
    {
        // docs/dependency-injection.md "Several programmes"
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Noon));
        services.AddIncentives("programme-a", incentives => incentives.AddProgrammeJson(Programme));
        services.AddIncentives("programme-b", incentives => incentives.AddProgrammeJson(Programme.Replace("8.88", "50.00", StringComparison.Ordinal)));
        services.AddSingleton<CheckoutService>();
        using var provider = services.BuildServiceProvider();

        var checkout = provider.GetRequiredService<CheckoutService>();
        var b = provider.GetRequiredKeyedService<CampaignEngine>("programme-b");
        var fromA = await checkout.Engine.ClaimAsync(Claim("alice"), "order-1");
        var fromB = await b.ClaimAsync(Claim("alice"), "order-1");
        var again = await b.ClaimAsync(Claim("bob"), "order-2");

        Assert.NotSame(checkout.Engine, b);
        Assert.Equal(Money.FromDecimal(8.88m, Currency.CNY), fromA.Grant.Amount);
        Assert.False(fromB.IsReplay);
        Assert.Equal(Money.FromDecimal(50m, Currency.CNY), fromB.Grant.Amount);
        Assert.Equal("budget.exhausted", Assert.Single(again.Denials).Code);
        Assert.Null(provider.GetService<CampaignEngine>());
    }

    [Fact]
    public async Task UseLedger_makes_every_budget_ledger_with_the_given_type()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Noon));
        services.AddIncentives(incentives => incentives.AddProgrammeJson(Programme).UseLedger<CountingLedger>());
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CampaignEngine>();

        await engine.ClaimAsync(Claim(), "order-1");

        var ledger = Assert.IsType<CountingLedger>(engine.Ledgers["fest"]);
        Assert.Equal(1, ledger.Reservations);
    }

    [Fact]
    public async Task A_keyed_clock_is_honoured_by_the_engine_of_that_key_and_the_unkeyed_clock_by_the_others()
    {
        // docs/dependency-injection.md "Clocks"
        var keyed = new FakeClock(Noon + Duration.FromHours(1));
        var shared = new FakeClock(Noon);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(shared);
        services.AddKeyedSingleton<IClock>("programme-a", keyed);
        services.AddIncentives("programme-a", incentives => incentives.AddProgrammeJson(Programme));
        services.AddIncentives("programme-b", incentives => incentives.AddProgrammeJson(Programme));
        using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredKeyedService<CampaignEngine>("programme-a");
        var b = provider.GetRequiredKeyedService<CampaignEngine>("programme-b");
        await a.ClaimAsync(Claim("alice"), "order-1");
        await b.ClaimAsync(Claim("alice"), "order-1");

        // Without an explicit instant, each engine asks its own clock: an hour later the 15-minute hold has expired in A only.
        Assert.Same(keyed, a.Clock);
        Assert.Same(shared, b.Clock);
        Assert.Equal(1, await a.ExpireDueAsync());
        Assert.Equal(0, await b.ExpireDueAsync());
    }

    [Fact]
    public async Task A_registered_meter_factory_creates_the_engine_meter()
    {
        var factory = new RecordingMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Noon));
        services.AddSingleton<IMeterFactory>(factory);
        services.AddIncentives("programme-a", incentives => incentives.AddProgrammeJson(Programme));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredKeyedService<CampaignEngine>("programme-a");
        long claims = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, engine.Meter) && instrument.Name == IncentivesDiagnostics.ClaimsInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref claims, value));
        listener.Start();

        await engine.ClaimAsync(Claim(), "order-1");

        var meter = Assert.Single(factory.Created);
        Assert.Same(meter, engine.Meter);
        Assert.Equal(IncentivesDiagnostics.MeterName, meter.Name);
        Assert.Contains(new KeyValuePair<string, object?>("incentives.engine", "programme-a"), meter.Tags!);
        Assert.Equal(1, claims);
    }

    [Fact]
    public async Task UseRetention_sets_the_engine_retention_and_prunes_the_default_ledgers()
    {
        // docs/dependency-injection.md "Retention"
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Noon));
        services.AddIncentives(incentives => incentives.AddProgrammeJson(Programme).UseRetention(Duration.FromDays(7)));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<CampaignEngine>();
        var granted = await engine.ClaimAsync(Claim(), "order-1");
        await engine.CommitAsync(granted.Grant, Noon);

        var pruned = engine.PruneSettled(Noon + Duration.FromDays(1));

        Assert.Equal(Duration.FromDays(7), engine.Retention);
        Assert.Equal((1, 1), (pruned.ClaimResults, pruned.Reservations));
    }

    [Fact]
    public void UseRetention_refuses_a_retention_that_is_not_positive_or_too_long()
    {
        var builder = new ServiceCollection().AddIncentives();

        Assert.Equal("retention", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRetention(Duration.Zero)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRetention(Duration.FromDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRetention(Duration.FromDays(3654)));
    }

    [Fact]
    public void Guard_clauses_reject_null_and_blank_arguments()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddIncentives((Action<IncentivesBuilder>)null!));
        Assert.Throws<ArgumentException>(() => services.AddIncentives(" ", _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddIncentives().AddCampaignJson(null!));
    }

    /// <summary>An <see cref="IMeterFactory"/> as <c>AddMetrics()</c> registers one, recording what it made.</summary>
    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }

    /// <summary>A consumer of a keyed engine, as an app writes it.</summary>
    private sealed class CheckoutService([FromKeyedServices("programme-a")] CampaignEngine engine)
    {
        public CampaignEngine Engine { get; } = engine;
    }

    /// <summary>A ledger made by <see cref="IncentivesBuilder.UseLedger{TLedger}"/>: counts reservations, delegates the rest.</summary>
    private sealed class CountingLedger(BudgetTree tree) : IBudgetLedger
    {
        private readonly InMemoryBudgetLedger inner = new(tree);

        public int Reservations { get; private set; }

        public BudgetTree Tree => inner.Tree;

        public ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
        {
            Reservations++;
            return inner.ReserveAsync(request, cancellationToken);
        }

        public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default) => inner.CommitAsync(id, amount, instant, cancellationToken);

        public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default) => inner.ReleaseAsync(id, instant, cancellationToken);

        public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) => inner.RefundAsync(request, cancellationToken);

        public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default) => inner.ExpireDueAsync(now, cancellationToken);

        public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default) => inner.GetReservationAsync(id, cancellationToken);

        public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default) => inner.GetSnapshotAsync(at, cancellationToken);

        public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default) => inner.GetParticipantUsageAsync(participantId, cancellationToken);
    }
}
