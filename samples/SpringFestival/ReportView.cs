using System.Globalization;
using Incentives;
using Incentives.Simulation;
using Spectre.Console;

namespace SpringFestival;

/// <summary>The tables and the burn-down bar chart printed at the end of a run.</summary>
public static class ReportView
{
    public static void Show(IReadOnlyList<(string Label, SimulationReport Report)> runs)
    {
        foreach (var (label, report) in runs)
        {
            AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(label)}[/]").LeftJustified());
            var days = new Table().Title("Per day (million CNY, by the day of the claim)")
                .AddColumns("day", "claims", "granted claims", "granted", "committed", "released", "refunded", "outstanding", "budget left at day end");
            var root = report.Nodes[0];
            for (var d = 0; d < report.Days.Count; d++)
            {
                var day = report.Days[d];
                var f = day.Flows;
                days.AddRow(day.Date, N(day.Claims), N(day.GrantedClaims), C(f.Granted), C(f.Committed), C(f.Released), C(f.Refunded), C(f.Outstanding),
                    C(root.Days[d].RemainingAtEndOfDay));
            }

            var t = report.Totals;
            days.AddRow("[bold]total[/]", N(report.Claims), N(report.GrantedClaims), C(t.Granted), C(t.Committed), C(t.Released), C(t.Refunded), C(t.Outstanding), C(root.Available));
            AnsiConsole.Write(days);

            var nodes = new Table().Title("Per budget node (million CNY)").AddColumns("node", "limit", "granted", "committed (net)", "held", "available", "exhausted at");
            foreach (var node in report.Nodes)
            {
                nodes.AddRow(node.Path, C(node.Limit), C(node.Flows.Granted), C(node.Committed), C(node.Reserved), C(node.Available), node.ExhaustedAt ?? "-");
            }

            AnsiConsole.Write(nodes);
            var denials = new Table().Title("Denials by reason").AddColumns("reason", "claims");
            foreach (var (code, count) in report.Denials.OrderByDescending(p => p.Value))
            {
                denials.AddRow(code, N(count));
            }

            AnsiConsole.Write(denials);
            var g = report.GrantsPerParticipant;
            var e = report.Envelopes;
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Participants: {g.Population:N0} claimed, {g.Zero:N0} got nothing; grants per participant mean {g.Mean}, median {g.Median}, p90 {g.P90}, p99 {g.P99}, max {g.Max}."));
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Envelopes: {e.Count:N0}, mean {e.Mean.Amount:N2}, min {e.Min.Amount:N2}, max {e.Max.Amount:N2} CNY. Invariant checks: {report.InvariantChecks:N0}, violations: {report.Violations.Count}."));

            var chart = new BarChart().Width(70).Label("[bold]Budget left at the end of each day (million CNY)[/]").LeftAlignLabel();
            for (var d = 0; d < report.Days.Count; d++)
            {
                chart.AddItem(report.Days[d].Date, Math.Round((double)(root.Days[d].RemainingAtEndOfDay.Amount / 1_000_000m), 1),
                    d == 1 ? Color.Red : Color.Green);
            }

            AnsiConsole.Write(chart);
        }

        if (runs.Count > 1)
        {
            var compare = new Table().Title("Budgets side by side (same traffic, same seed)")
                .AddColumns("budget", "granted (M CNY)", "left (M CNY)", "first node to run out", "first day capped", "granted claims", "denied claims");
            foreach (var (label, report) in runs)
            {
                var root = report.Nodes[0];
                var firstDayCapped = root.Days.FirstOrDefault(d => d.DayExhaustedAt is not null)?.DayExhaustedAt;
                var firstOut = report.Nodes.Where(n => n.ExhaustedAt is not null).MinBy(n => n.ExhaustedAt, StringComparer.Ordinal);
                compare.AddRow(label, C(report.Totals.Granted), C(root.Available), firstOut is null ? "-" : $"{firstOut.Path} {Local(firstOut.ExhaustedAt)}",
                    Local(firstDayCapped),
                    N(report.GrantedClaims), N(report.Claims - report.GrantedClaims));
            }

            AnsiConsole.Write(compare);
        }
    }

    // Instants in the report are UTC ISO; show them as Shanghai local "MM-dd HH:mm".
    private static string Local(string? instant) => instant is null
        ? "-"
        : NodaTime.Text.InstantPattern.ExtendedIso.Parse(instant).Value.InZone(SpringFestivalCampaign.Window.Zone)
            .ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string C(Money money) => (money.Amount / 1_000_000m).ToString("N1", CultureInfo.InvariantCulture);
}
