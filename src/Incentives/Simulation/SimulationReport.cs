using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incentives.Simulation;

/// <summary>
/// What a <see cref="CampaignSimulator"/> run produced: totals, per-day and per-node figures, denials by reason, grants per
/// participant, envelope statistics and the budget invariant checks. Deterministic for a seed: the same programme, traffic and
/// seed give the same report, byte for byte in JSON (it holds no wall-clock figures).
/// </summary>
/// <param name="Seed">The seed of the traffic and of the engine's random source.</param>
/// <param name="Currency">The currency of every amount.</param>
/// <param name="Start">The window's first instant (ISO).</param>
/// <param name="End">The window's end (ISO).</param>
/// <param name="Claims">How many claims were made.</param>
/// <param name="GrantedClaims">How many claims got at least one grant.</param>
/// <param name="Totals">The money that flowed, summed over the budgets' root nodes.</param>
/// <param name="Denials">Denials of refused claims by reason code (every denial of the claim counts once).</param>
/// <param name="GrantsPerParticipant">Grants per participant who claimed at least once.</param>
/// <param name="Envelopes">Statistics of the granted amounts.</param>
/// <param name="Days">Figures per campaign day.</param>
/// <param name="Nodes">Figures per budget node (every node of every budget).</param>
/// <param name="InvariantChecks">How many node (and node-day) checks were made on ledger snapshots.</param>
/// <param name="Violations">Every failed invariant check, as text; empty when the ledger kept its promises.</param>
public sealed record SimulationReport(
    ulong Seed,
    string Currency,
    string Start,
    string End,
    long Claims,
    long GrantedClaims,
    FlowFigures Totals,
    IReadOnlyDictionary<string, long> Denials,
    CountSummary GrantsPerParticipant,
    AmountSummary Envelopes,
    IReadOnlyList<SimulationDayReport> Days,
    IReadOnlyList<SimulationNodeReport> Nodes,
    long InvariantChecks,
    IReadOnlyList<string> Violations)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Gets the node <paramref name="path"/> of budget <paramref name="budgetId"/>.</summary>
    /// <param name="budgetId">The budget id.</param>
    /// <param name="path">The node path.</param>
    /// <returns>The node's report.</returns>
    /// <exception cref="KeyNotFoundException">There is no such node.</exception>
    public SimulationNodeReport Node(string budgetId, string path) =>
        Nodes.FirstOrDefault(n => n.BudgetId == budgetId && n.Path == path)
        ?? throw new KeyNotFoundException($"The report has no node '{path}' in budget '{budgetId}'.");

    /// <summary>
    /// Reconciles the report with itself and with the ledgers' final figures: for every node and day
    /// <c>Granted == Committed + Released + Outstanding</c>; per node the ledger holds exactly the outstanding grants
    /// (<c>Reserved == Outstanding</c>) and has committed exactly what was committed less what was refunded; the days add up
    /// to the node, the children to their parent, the roots to the totals and the days of the report, and the envelopes to
    /// the grants.
    /// </summary>
    /// <returns>Every discrepancy, as text; empty when everything reconciles.</returns>
    public IReadOnlyList<string> FindDiscrepancies()
    {
        var problems = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        static bool Balanced(FlowFigures f) => f.Granted == f.Committed + f.Released + f.Outstanding && f.Refunded <= f.Committed;
        FlowFigures Add(FlowFigures a, FlowFigures b) =>
            new(a.Grants + b.Grants, a.Granted + b.Granted, a.Committed + b.Committed, a.Released + b.Released, a.Refunded + b.Refunded, a.Outstanding + b.Outstanding);
        var zero = Money.Zero(Incentives.Currency.FromCode(Currency));
        var none = new FlowFigures(0, zero, zero, zero, zero, zero);
        var roots = Nodes.Where(n => !n.Path.Contains('/', StringComparison.Ordinal)).ToList();
        foreach (var node in Nodes)
        {
            var where = $"{node.BudgetId}:{node.Path}";
            Expect(Balanced(node.Flows), $"{where}: granted != committed + released + outstanding");
            Expect(node.Reserved == node.Flows.Outstanding, $"{where}: ledger reserved {node.Reserved} != outstanding {node.Flows.Outstanding}");
            Expect(node.Committed == node.Flows.Committed - node.Flows.Refunded, $"{where}: ledger committed {node.Committed} != committed - refunded");
            Expect(node.Limit == node.Available + node.Reserved + node.Committed, $"{where}: limit != available + reserved + committed");
            Expect(node.Days.Aggregate(none, (sum, d) => Add(sum, d.Flows)) == node.Flows, $"{where}: the days do not add up to the node");
            foreach (var day in node.Days)
            {
                Expect(Balanced(day.Flows), $"{where} {day.Date}: granted != committed + released + outstanding");
            }

            var children = Nodes.Where(c => c.BudgetId == node.BudgetId && c.Path.StartsWith(node.Path + "/", StringComparison.Ordinal) &&
                !c.Path[(node.Path.Length + 1)..].Contains('/', StringComparison.Ordinal)).ToList();
            if (children.Count > 0)
            {
                Expect(children.Aggregate(none, (sum, c) => Add(sum, c.Flows)).Granted <= node.Flows.Granted, $"{where}: the children granted more than the node");
            }
        }

        Expect(roots.Aggregate(none, (sum, r) => Add(sum, r.Flows)) == Totals, "the roots do not add up to the totals");
        Expect(Days.Aggregate(none, (sum, d) => Add(sum, d.Flows)) == Totals, "the days do not add up to the totals");
        Expect(Envelopes.Count == Totals.Grants && Envelopes.Total == Totals.Granted, "the envelopes do not add up to the grants");
        Expect(Days.Sum(d => d.Claims) == Claims && Days.Sum(d => d.GrantedClaims) == GrantedClaims, "the days' claims do not add up");
        return problems;
    }

    /// <summary>Writes the report as indented camelCase JSON (amounts as <c>{"amount":"1.00","currency":"CNY"}</c>).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not a report.</exception>
    public static SimulationReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<SimulationReport>(json, Options) ?? throw new JsonException("The JSON is null, not a report.");
    }
}
