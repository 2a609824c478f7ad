using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Campaigns;
using Incentives.Diagnostics;
using Incentives.Eligibility;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class CampaignDiagnosticsTests
{
    private sealed record Measured(string Instrument, long Value, Dictionary<string, object?> Tags);

    [Fact]
    public async Task The_meter_reports_claims_grants_denials_amounts_and_budget_available()
    {
        // docs/engine.md "Metrics and traces"
        using var engine = Engine(Fixed("metered", 30m).When(EligibilityRule.Channel("app")).Build());
        var measured = new List<Measured>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == engine.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add(new Measured(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await engine.ClaimAsync(Claim("a", channel: "app"), "k1");    // granted 30.00 on fest/app/food
        await engine.ClaimAsync(Claim("b", channel: "app"), "k2");    // denied: fest/app/food has 20.00 left
        await engine.ClaimAsync(Claim("c", channel: "web"), "k3");    // denied: not eligible
        listener.RecordObservableInstruments();

        var claims = measured.Where(m => m.Instrument == IncentivesDiagnostics.ClaimsInstrument).ToList();
        Assert.Equal(
            new[] { ("granted", (object?)null), ("denied", "budget.exhausted"), ("denied", "eligibility.not-eligible") },
            claims.Select(c => ((string)c.Tags[IncentivesDiagnostics.OutcomeTag]!, c.Tags[IncentivesDiagnostics.ReasonTag])));
        var amount = Assert.Single(measured, m => m.Instrument == IncentivesDiagnostics.GrantedAmountInstrument);
        Assert.Equal((3000L, "CNY", "metered"), (amount.Value, amount.Tags[IncentivesDiagnostics.CurrencyTag], amount.Tags[IncentivesDiagnostics.CampaignTag]));
        Assert.Single(measured, m => m.Instrument == IncentivesDiagnostics.GrantsInstrument);
        Assert.Equal(2, measured.Count(m => m.Instrument == IncentivesDiagnostics.DenialsInstrument));
        var food = Assert.Single(measured, m => m.Instrument == IncentivesDiagnostics.BudgetAvailableInstrument && (string)m.Tags[IncentivesDiagnostics.NodeTag]! == "fest/app/food");
        Assert.Equal(2000L, food.Value);
        Assert.Equal("fest", food.Tags[IncentivesDiagnostics.BudgetTag]);
    }

    [Fact]
    public async Task A_claim_span_carries_the_outcome_and_the_campaigns()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IncentivesDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var engine = Engine(Fixed("traced-a", 1m).WithStacking(StackingMode.Stackable).Build(), Fixed("traced-b", 2m).WithStacking(StackingMode.Stackable).Build());

        await engine.ClaimAsync(Claim(), "k1");

        Activity span;
        lock (stopped)
        {
            span = Assert.Single(stopped, a => a.OperationName == IncentivesDiagnostics.ClaimActivity && (a.GetTagItem(IncentivesDiagnostics.CampaignTag) as string)?.Contains("traced-a", System.StringComparison.Ordinal) == true);
        }

        Assert.Equal("granted", span.GetTagItem(IncentivesDiagnostics.OutcomeTag));
        Assert.Equal("traced-a,traced-b", span.GetTagItem(IncentivesDiagnostics.GrantedCampaignsTag));
    }
}
