using System.Diagnostics;
using System.Globalization;
using Incentives;
using Incentives.Campaigns.Json;
using Incentives.Simulation;
using Spectre.Console;

namespace SpringFestival;

/// <summary>The sample's entry point: reads the options, runs one simulation per budget, shows and writes the results.</summary>
public static class SpringFestivalApp
{
    public const int DefaultClaims = 1_500_000;

    public static async Task<int> RunAsync(string[] args)
    {
        SampleOptions options;
        try
        {
            options = SampleOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(SampleOptions.Usage);
            return 2;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var runs = new List<(string Label, SimulationReport Report)>();
        foreach (var budget in options.Budgets)
        {
            var programme = options.CampaignFile is null
                ? SpringFestivalCampaign.Build(budget, options.Seed)
                : CampaignProgrammeJson.Load(await File.ReadAllTextAsync(options.CampaignFile));
            var simulator = new CampaignSimulator(programme, new SimulationOptions
            {
                Window = SpringFestivalCampaign.Window,
                Traffic = SpringFestivalCampaign.Traffic(options.Claims),
                Seed = options.Seed,
                ProgressEvery = Math.Max(1, options.Claims / 200),
            });
            var label = options.CampaignFile is null ? Cny(budget) : Path.GetFileName(options.CampaignFile);
            var watch = Stopwatch.StartNew();
            var report = await RunWithProgressAsync(simulator, label, options.Plain);
            watch.Stop();
            var perSecond = report.Claims / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {report.Claims:N0} claims in {watch.Elapsed.TotalSeconds:F1} s = {perSecond:N0} claims per second"));
            runs.Add((label, report));
            var file = runs.Count == 1 ? "report.json" : $"report-{budget.Amount.ToString("F0", CultureInfo.InvariantCulture)}.json";
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, file), report.ToJson());
        }

        ReportView.Show(runs);
        var chart = BurnDownChart.Save(runs, Path.Combine(options.OutputDirectory, "burn-down.png"));
        Console.WriteLine($"Wrote {Path.Combine(options.OutputDirectory, "report.json")} and {chart}");

        // The engine prunes settled claims (the simulator's automatic retention), so memory follows the busiest two days, not the run.
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set: {process.PeakWorkingSet64 / (1024 * 1024):N0} MB"));
        return runs.All(r => r.Report.Violations.Count == 0) ? 0 : 1;
    }

    private static async Task<SimulationReport> RunWithProgressAsync(CampaignSimulator simulator, string label, bool plain)
    {
        var interactive = !plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            // Redirected output (CI, a file, a test): plain lines every 10 %.
            var lastTenth = -1L;
            var plainProgress = new ActionProgress(p =>
            {
                var tenth = p.ClaimsTotal == 0 ? 10 : p.ClaimsDone * 10 / p.ClaimsTotal;
                if (tenth != lastTenth)
                {
                    lastTenth = tenth;
                    Console.WriteLine($"{label}: {p.ClaimsDone:N0}/{p.ClaimsTotal:N0} claims, simulated time {p.SimulatedNow}");
                }
            });
            return await simulator.RunAsync(plainProgress);
        }

        SimulationReport? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Simulating {Markup.Escape(label)}");
                result = await simulator.RunAsync(new ActionProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.ClaimsTotal);
                    task.Value = p.ClaimsDone;
                    task.Description = $"{Markup.Escape(label)} [grey]{p.SimulatedNow[..13]}h[/]";
                }));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    internal static string Cny(Money money) => money.Amount.ToString("N0", CultureInfo.InvariantCulture) + " CNY";

    /// <summary>Calls the handler on the simulating thread (a <see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class ActionProgress(Action<SimulationProgress> handler) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => handler(value);
    }
}
