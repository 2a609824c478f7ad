using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Simulation;
using SpringFestival;

namespace Incentives.Samples.Tests;

// The sample runs in-process in a small configuration; its files are read back and checked.
public sealed class SpringFestivalSampleTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "spring-festival-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_sample_writes_a_report_that_reconciles_and_a_burn_down_png()
    {
        var exit = await SpringFestivalApp.RunAsync(["--claims", "21000", "--seed", "7", "--out", output, "--plain"]);

        Assert.Equal(0, exit);
        var report = SimulationReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        Assert.Equal(21_000, report.Claims);
        Assert.Equal(7UL, report.Seed);
        Assert.Equal("2026-02-14T16:00:00Z", report.Start); // 2026-02-15 00:00 in Asia/Shanghai (UTC+8)
        Assert.Equal("2026-02-23T16:00:00Z", report.End);   // nine whole days
        // Day weights 8,20,14,12,10,9,9,9,9 (sum 100) x hour weights (sum 210): 21,000 = 100 x 210 claims split exactly,
        // 210 per weight unit; the Eve (02-16) gets the most.
        Assert.Equal([1_680L, 4_200L, 2_940L, 2_520L, 2_100L, 1_890L, 1_890L, 1_890L, 1_890L], report.Days.Select(d => d.Claims));
        Assert.Equal("2026-02-16", report.Days.MaxBy(d => d.Claims)!.Date);
        var root = report.Node("sf", "sf");
        Assert.Equal("3000000000.00", root.Limit.Amount.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(13, report.Nodes.Count); // sf, 3 apps, 9 app/category leaves
        Assert.Empty(report.Violations);
        Assert.Empty(report.FindDiscrepancies());
        Assert.True(report.InvariantChecks > 0);
        Assert.True(report.Denials["eligibility.not-eligible"] > 0, "web, electronics, small orders and blocked accounts are refused");
        Assert.InRange(report.Envelopes.Min.Amount, 1m, 8_888m);
        Assert.InRange(report.Envelopes.Max.Amount, 1m, 8_888m);

        var png = Path.Combine(output, "burn-down.png");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 1_000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public async Task The_spring_festival_run_reconciles_per_node_and_per_day()
    {
        var report = await new CampaignSimulator(
            SpringFestivalCampaign.Build(SpringFestivalCampaign.DefaultBudget, seed: 11),
            new SimulationOptions { Window = SpringFestivalCampaign.Window, Traffic = SpringFestivalCampaign.Traffic(20_000), Seed = 11 }).RunAsync();

        Assert.Empty(report.FindDiscrepancies());
        foreach (var node in report.Nodes)
        {
            var f = node.Flows;
            Assert.Equal(f.Granted, f.Committed + f.Released + f.Outstanding);       // granted = committed + released + outstanding
            Assert.Equal(node.Reserved, f.Outstanding);                                // what the ledger still holds
            Assert.Equal(node.Committed, f.Committed - f.Refunded);                    // refunds accounted
            Assert.Equal(node.Limit, node.Available + node.Reserved + node.Committed); // nothing lost or created
            foreach (var day in node.Days)
            {
                Assert.Equal(day.Flows.Granted, day.Flows.Committed + day.Flows.Released + day.Flows.Outstanding);
            }
        }

        var root = report.Node("sf", "sf");
        var apps = SpringFestivalCampaign.Apps.Select(a => report.Node("sf", "sf/" + a).Flows.Granted).Aggregate((a, b) => a + b);
        Assert.Equal(root.Flows.Granted, apps);
        Assert.Equal(report.Totals, root.Flows);
        Assert.Equal(9, root.Days.Count);
        Assert.All(root.Days, d => Assert.NotNull(d.Limit)); // the root is paced: per-day limits from the ledger
    }

    [Fact]
    public async Task Comparing_budgets_runs_the_same_traffic_and_the_small_budget_runs_out()
    {
        var exit = await SpringFestivalApp.RunAsync(["--claims", "20000", "--compare", "3000000000,2000000", "--out", output, "--plain"]);

        Assert.Equal(0, exit);
        var large = SimulationReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var small = SimulationReport.FromJson(await File.ReadAllTextAsync(Path.Combine(output, "report-2000000.json")));
        Assert.Equal(large.Claims, small.Claims);
        Assert.Equal(large.Days.Select(d => d.Claims), small.Days.Select(d => d.Claims));
        Assert.True(small.Totals.Granted < large.Totals.Granted);
        Assert.True(small.Denials.Keys.Any(k => k is "budget.exhausted" or "budget.day-exhausted"), "2,000,000 CNY runs out under this traffic");
        Assert.Empty(small.Violations);
        Assert.True(File.Exists(Path.Combine(output, "burn-down.png")));
    }

    [Fact]
    public async Task The_shipped_json_campaign_gives_the_same_report_as_the_code()
    {
        var json = Path.Combine(AppContext.BaseDirectory, "spring-festival.json");

        Assert.Equal(0, await SpringFestivalApp.RunAsync(["--claims", "5000", "--campaign", json, "--out", Path.Combine(output, "json"), "--plain"]));
        Assert.Equal(0, await SpringFestivalApp.RunAsync(["--claims", "5000", "--out", Path.Combine(output, "code"), "--plain"]));

        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(output, "code", "report.json")),
            await File.ReadAllTextAsync(Path.Combine(output, "json", "report.json")));
    }

    [Fact]
    public async Task A_bad_option_is_refused_with_the_usage()
    {
        Assert.Equal(2, await SpringFestivalApp.RunAsync(["--claims", "many"]));
        Assert.Equal(2, await SpringFestivalApp.RunAsync(["--compare", "3000000000", "--campaign", "x.json", "--compare", "1000000000,2000000000"]));
    }
}
