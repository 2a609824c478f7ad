using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Incentives.Benchmarks.Budgets;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using NodaTime;

namespace Incentives.Benchmarks.Campaigns;

/// <summary>
/// A stopwatch probe of <see cref="CampaignEngineBenchmarks.EngineClaimAndCommitSteadyState"/>'s steady state, round by round:
/// one long-lived engine owning its in-memory ledger, retention 10 minutes, rounds of claims + commits 2 minutes of claim time
/// apart, so that the rounds that prune and those that do not can be told apart, with the bytes allocated per claim and the
/// garbage collections and their pauses. Not a benchmark (no statistics); run it with
/// <c>dotnet run -c Release --project tests/Incentives.Benchmarks -- probe [rounds] [claims per round] [threads] [separate]</c>
/// (<c>separate</c>: one engine and budget per thread).
/// </summary>
public static class EngineSteadyStateProbe
{
    /// <summary>Runs the probe and prints one line per round and a summary.</summary>
    /// <param name="rounds">The number of rounds (default 120).</param>
    /// <param name="claimsPerRound">The claims per round (default 40,000).</param>
    /// <param name="threads">The threads that share each round's claims (default 1); times are per claim, wall clock.</param>
    /// <param name="enginePerThread">
    /// Whether each thread claims through its own engine and budget (independent programmes) instead of all sharing one.
    /// </param>
    public static void Run(int rounds = 120, int claimsPerRound = CampaignEngineBenchmarks.Operations, int threads = 1, bool enginePerThread = false)
    {
        var window = CampaignEngineBenchmarks.FestivalWindow;
        var clock = new ProbeClock { Now = window.Start };
        var engines = Enumerable.Range(0, enginePerThread ? threads : 1).Select(_ => new CampaignEngine(
            CampaignProgramme.Create([CampaignEngineBenchmarks.CreateCampaign()], [new KeyValuePair<string, BudgetTree>("fest", CampaignEngineBenchmarks.CreateTree())]),
            clock,
            new CampaignEngineOptions { Retention = Duration.FromMinutes(10) })).ToArray();
        var keys = Enumerable.Range(0, claimsPerRound * 16).Select(i => "claim-" + i.ToString("D8", CultureInfo.InvariantCulture)).ToArray();
        var participants = Enumerable.Range(0, 16).Select(i => new Participant("p" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var at = window.Start + Duration.FromHours(1);
        long next = 0;
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            at += Duration.FromMinutes(2);
            clock.Now = at;
            var claims = participants.Select(p => new Claim(p, at, "app") { Category = "food" }).ToArray();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            var first = next;
            var watch = Stopwatch.StartNew();
            System.Threading.Tasks.Parallel.For(0, threads, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var engine = engines[t % engines.Length];
                for (var i = t; i < claimsPerRound; i += threads)
                {
                    var result = BenchmarkTrees.Sync(engine.ClaimAsync(claims[i & 15], keys[(first + i) % keys.Length]));
                    if (result.IsReplay)
                    {
                        throw new InvalidOperationException("A replay: the probe must claim afresh.");
                    }

                    var grant = result.Grants[0];
                    BenchmarkTrees.Sync(engine.CommitAsync(grant.Reference, grant.Amount, grant.ReservedAt));
                }
            });

            var ns = watch.Elapsed.TotalNanoseconds / claimsPerRound;
            next += claimsPerRound;
            times.Add(ns);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round,4}: {ns,7:F0} ns/claim, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / claimsPerRound} B/claim, gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalNanoseconds / claimsPerRound,4:F0} ns/claim"));
        }

        foreach (var engine in engines)
        {
            engine.Dispose();
        }

        var warm = times.Skip(Math.Min(20, times.Count / 2)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after warm-up: mean {warm.Average():F0} ns, best {warm.Min():F0} ns, worst {warm.Max():F0} ns per claim + commit"));
    }

    private sealed class ProbeClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
