using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Benchmarks.Eligibility;

/// <summary>
/// The Spring Festival rule loaded from JSON and compiled by the library, against the same rule hand-written as a C#
/// lambda (the baseline), over 1,024 claims of which about 80% are eligible. Each operation evaluates every claim once;
/// figures are per claim (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
public class SpringFestivalEligibilityBenchmarks
{
    private const int ClaimCount = 1024;

    private const string RuleJson = """
        {"type":"allOf","rules":[
          {"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"},
          {"type":"channel","channels":["marketplace","payments","travel"]},
          {"type":"category","categories":["food","entertainment","leisure"]},
          {"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"}},
          {"type":"not","rule":{"type":"hasSegment","segments":["blocked"]}}]}
        """;

    private static readonly CampaignWindow Window = CampaignWindow.Create(
        new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    private static readonly Money Minimum = Money.FromDecimal(50.00m, Currency.CNY);

    // What a developer would write by hand for the same rule.
    private static readonly Func<Claim, bool> HandWritten = claim =>
        Window.Contains(claim.At) &&
        claim.Channel is "marketplace" or "payments" or "travel" &&
        claim.Category is "food" or "entertainment" or "leisure" &&
        claim.OrderAmount is { } amount && amount.Currency == Minimum.Currency && amount.MinorUnits >= Minimum.MinorUnits &&
        !claim.Participant.HasSegment("blocked");

    private EligibilityEvaluator evaluator = null!;
    private Claim[] claims = null!;
    private Claim[] eligibleClaims = null!;

    [GlobalSetup]
    public void Setup()
    {
        evaluator = EligibilityRuleJson.Load(RuleJson).Compile();
        var random = new Random(2026);
        string[] channels = ["marketplace", "payments", "travel"];
        string[] categories = ["food", "entertainment", "leisure"];
        claims = new Claim[ClaimCount];
        var eligible = new List<Claim>();
        for (var i = 0; i < ClaimCount; i++)
        {
            var participant = new Participant("u-" + i)
            {
                Region = "CN",
                Segments = random.Next(100) < 3 ? ["blocked"] : random.Next(100) < 30 ? ["vip", "returning"] : [],
            };
            var at = Window.Start + Duration.FromSeconds(random.Next(-86_400, (int)Window.Duration.TotalSeconds + 86_400));
            var claim = new Claim(participant, at, random.Next(100) < 5 ? "web" : channels[random.Next(3)])
            {
                Category = random.Next(100) < 5 ? "electronics" : categories[random.Next(3)],
                OrderAmount = Money.FromMinorUnits(random.Next(100) < 5 ? random.Next(1, 5_000) : random.Next(5_000, 100_000), Currency.CNY),
            };
            claims[i] = claim;
            if (HandWritten(claim))
            {
                eligible.Add(claim);
            }
        }

        eligibleClaims = eligible.ToArray();
        for (var i = 0; i < claims.Length; i++)
        {
            if (HandWritten(claims[i]) != evaluator.IsEligible(claims[i]))
            {
                throw new InvalidOperationException("The library and the hand-written lambda disagree.");
            }
        }

        Console.WriteLine($"// eligible: {eligible.Count} of {ClaimCount}");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ClaimCount)]
    public int HandWrittenLambda()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (HandWritten(claim))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public int CompiledFastPath()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (evaluator.IsEligible(claim))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public int CompiledExplainingPath()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (evaluator.Explain(claim).IsEligible)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The explaining path on eligible claims only: it must allocate nothing.</summary>
    [Benchmark]
    public int CompiledExplainingPathEligibleOnly()
    {
        var count = 0;
        foreach (var claim in eligibleClaims)
        {
            if (evaluator.Explain(claim).IsEligible)
            {
                count++;
            }
        }

        return count;
    }
}
