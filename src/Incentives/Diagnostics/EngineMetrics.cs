using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Diagnostics;

/// <summary>The instruments of one engine. Every recording method returns after one branch when nobody listens.</summary>
internal sealed class EngineMetrics : IDisposable
{
    internal static readonly ActivitySource Source = new(IncentivesDiagnostics.ActivitySourceName, typeof(EngineMetrics).Assembly.GetName().Version?.ToString());

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> claims;
    private readonly Counter<long> grants;
    private readonly Counter<long> denials;
    private readonly Counter<long> grantedAmount;
    private readonly Histogram<double> duration;
    private readonly IReadOnlyList<KeyValuePair<string, IBudgetLedger>> ledgers;
    private readonly IClock clock;
    private readonly Dictionary<string, LedgerSnapshot> lastSnapshots = new(StringComparer.Ordinal);

    public EngineMetrics(IMeterFactory? factory, string? name, IReadOnlyList<KeyValuePair<string, IBudgetLedger>> ledgers, IClock clock)
    {
        this.ledgers = ledgers;
        this.clock = clock;
        var version = typeof(EngineMetrics).Assembly.GetName().Version?.ToString();
        KeyValuePair<string, object?>[]? tags = name is null ? null : [new("incentives.engine", name)];
        var options = new MeterOptions(IncentivesDiagnostics.MeterName) { Version = version, Tags = tags };
        if (factory is null)
        {
            meter = new Meter(options);
            ownsMeter = true;
        }
        else
        {
            meter = factory.Create(options);
        }

        claims = meter.CreateCounter<long>(IncentivesDiagnostics.ClaimsInstrument, "{claim}", "Claims handled, by outcome and reason.");
        grants = meter.CreateCounter<long>(IncentivesDiagnostics.GrantsInstrument, "{grant}", "Grants made, by campaign.");
        denials = meter.CreateCounter<long>(IncentivesDiagnostics.DenialsInstrument, "{denial}", "Campaigns that did not grant a claim, by campaign and reason.");
        grantedAmount = meter.CreateCounter<long>(IncentivesDiagnostics.GrantedAmountInstrument, "{minor_unit}", "Amount granted in minor units, by campaign and currency.");
        duration = meter.CreateHistogram<double>(IncentivesDiagnostics.ClaimDurationInstrument, "s", "Time spent handling a claim.");
        meter.CreateObservableGauge(IncentivesDiagnostics.BudgetAvailableInstrument, ObserveAvailable, "{minor_unit}", "Budget available per node, in minor units.");
    }

    public Meter Meter => meter;

    public bool DurationEnabled => duration.Enabled;

    public void Claim(bool granted, string? reason, double? seconds)
    {
        if (claims.Enabled)
        {
            claims.Add(1, new(IncentivesDiagnostics.OutcomeTag, granted ? IncentivesDiagnostics.Granted : IncentivesDiagnostics.Denied), new(IncentivesDiagnostics.ReasonTag, reason));
        }

        if (seconds is { } s && duration.Enabled)
        {
            duration.Record(s, new KeyValuePair<string, object?>(IncentivesDiagnostics.OutcomeTag, granted ? IncentivesDiagnostics.Granted : IncentivesDiagnostics.Denied));
        }
    }

    public void Grant(string campaignId, Money amount)
    {
        if (grants.Enabled)
        {
            grants.Add(1, new(IncentivesDiagnostics.CampaignTag, campaignId), new(IncentivesDiagnostics.CurrencyTag, amount.Currency.Code));
        }

        if (grantedAmount.Enabled)
        {
            grantedAmount.Add(amount.MinorUnits, new(IncentivesDiagnostics.CampaignTag, campaignId), new(IncentivesDiagnostics.CurrencyTag, amount.Currency.Code));
        }
    }

    public void Denial(string campaignId, string code)
    {
        if (denials.Enabled)
        {
            denials.Add(1, new(IncentivesDiagnostics.CampaignTag, campaignId), new(IncentivesDiagnostics.ReasonTag, code));
        }
    }

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> ObserveAvailable()
    {
        var now = clock.GetCurrentInstant();
        foreach (var (budgetId, ledger) in ledgers)
        {
            var snapshot = Snapshot(budgetId, ledger, now);
            if (snapshot is null)
            {
                continue;
            }

            foreach (var node in snapshot.Nodes)
            {
                yield return new Measurement<long>(
                    node.Available.MinorUnits,
                    new(IncentivesDiagnostics.BudgetTag, budgetId),
                    new(IncentivesDiagnostics.NodeTag, node.Path),
                    new(IncentivesDiagnostics.CurrencyTag, node.Available.Currency.Code));
            }
        }
    }

    /// <summary>
    /// A fresh snapshot when the ledger answers synchronously (the in-memory ledger); otherwise the last one, while the pending call
    /// refreshes it: a metrics collection never blocks on a database.
    /// </summary>
    private LedgerSnapshot? Snapshot(string budgetId, IBudgetLedger ledger, Instant now)
    {
        var pending = ledger.GetSnapshotAsync(now);
        lock (lastSnapshots)
        {
            if (pending.IsCompletedSuccessfully)
            {
                lastSnapshots[budgetId] = pending.Result;
                return pending.Result;
            }

            _ = Refresh(budgetId, pending.AsTask());
            return lastSnapshots.GetValueOrDefault(budgetId);
        }
    }

    private async Task Refresh(string budgetId, Task<LedgerSnapshot> pending)
    {
        try
        {
            var snapshot = await pending.ConfigureAwait(false);
            lock (lastSnapshots)
            {
                lastSnapshots[budgetId] = snapshot;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed refresh keeps the last value; the next collection tries again.
            Debug.WriteLine(e);
        }
    }
}
