using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Incentives.Benchmarks.Budgets;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Time;
using NodaTime;

namespace Incentives.Benchmarks.Campaigns;

/// <summary>
/// A full claim through <see cref="CampaignEngine"/> (window, eligibility, reward, route, reserve on a three-level path, commit)
/// on the in-memory ledger, single-threaded and on every core, against the sum of its parts written by hand: a lambda for the
/// rule, a fixed amount, and compare-and-swap loops on three shared counters for the reservation plus one add for the commit.
/// </summary>
[MemoryDiagnoser]
public class CampaignEngineBenchmarks
{
    /// <summary>Claims per invocation, shared among the threads.</summary>
    public const int Operations = 40_000;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly CampaignWindow Window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
    private static readonly Instant At = Window.Start + Duration.FromHours(12);
    private static readonly Money Amount = Money.FromDecimal(8.88m, Currency.CNY);
    private readonly long[] cells = new long[4 * 16];
    private readonly Func<Claim, bool> rule = c => c.Channel == "app" && c.Category == "food";
    private const int SteadyRounds = 4096;
    private const int SteadyParticipants = 16;
    private static readonly Duration SteadyStep = Duration.FromMinutes(2);
    private string[] keys = [];
    private string[] steadyKeys = [];
    private Claim[][] steadyClaims = [];
    private readonly SteadyClock steadyClock = new();
    private CampaignEngine? steady;
    private CampaignEngine[] steadyPerThread = [];
    private int round;
    private const int SteadyKept = 13 * Operations;
    private readonly Dictionary<string, FloorRecord>[] floorStripes = Enumerable.Range(0, 32).Select(_ => new Dictionary<string, FloorRecord>(StringComparer.Ordinal)).ToArray();
    private long floorNext;
    private readonly KeyIndex<FloorRecord>[] indexStripes = Enumerable.Range(0, 32).Select(_ => new KeyIndex<FloorRecord>()).ToArray();
    private readonly (int Stripe, KeyHandle Handle)[] indexHandles = new (int, KeyHandle)[SteadyKept];
    private long indexNext;

    /// <summary>What the floor's record points at: a long-lived object, as the engine's compact record points at its campaign.</summary>
    private static readonly object FloorCampaign = new();
    private int keyOffset;
    private Claim[] claims = [];
    private BudgetTree tree = null!;
    private Campaign campaign = null!;

    /// <summary>Gets the festival window the benchmark's claims fall in (nine days from 2026-02-15, Asia/Shanghai).</summary>
    internal static CampaignWindow FestivalWindow => Window;

    /// <summary>Gets or sets the number of threads: 1, and every core of the machine.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>Gets the thread counts: 1 and <see cref="Environment.ProcessorCount"/>.</summary>
    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    /// <summary>Builds the tree, the campaign, the claims and the keys once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        tree = CreateTree();
        campaign = CreateCampaign();
        keys = BenchmarkTrees.Keys(Operations);
        claims = new Claim[64];
        for (var i = 0; i < claims.Length; i++)
        {
            claims[i] = new Claim(new Participant("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), At, "app") { Category = "food" };
        }

        // The steady state: 16 x Operations keys cycle, i.e. a key comes back after 16 invocations (32 minutes of claim time),
        // when its claim (kept for the 10-minute retention after its 15-minute hold) has been pruned.
        steadyKeys = BenchmarkTrees.Keys(Operations * 16);
        var participants = new Participant[SteadyParticipants];
        for (var i = 0; i < participants.Length; i++)
        {
            participants[i] = new Participant("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        steadyClaims = new Claim[SteadyRounds][];
        for (var r = 0; r < SteadyRounds; r++)
        {
            var at = Window.Start + Duration.FromHours(1) + (SteadyStep * r);
            steadyClaims[r] = Array.ConvertAll(participants, p => new Claim(p, at, "app") { Category = "food" });
        }

        NewSteadyEngine();
    }

    /// <summary>The sum of the parts: the rule as a lambda, a fixed amount, three CAS loops for the reservation and one add for the commit.</summary>
    /// <returns>The root total.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long SumOfPartsByHand()
    {
        Array.Clear(cells);
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = t; i < Operations; i += Threads)
            {
                var claim = claims[i & 63];
                if (Window.Contains(claim.At) && rule(claim))
                {
                    const long amount = 888;
                    for (var level = 0; level < 3; level++)
                    {
                        BenchmarkTrees.TryAdd(ref cells[level * 16], amount, long.MaxValue / 2);
                    }

                    Interlocked.Add(ref cells[3 * 16], amount);
                }
            }
        });
        return cells[0];
    }

    /// <summary>
    /// VARIANT (fresh engine): ClaimAsync then CommitAsync of the grant, through a fresh engine and in-memory ledger per
    /// invocation, without retention: every result of the invocation stays in the store, nothing is pruned, and the engine's
    /// store and the ledger grow from empty within the measured method. See <see cref="EngineClaimAndCommitSteadyState"/> for a
    /// long-lived engine.
    /// </summary>
    /// <returns>The number of grants.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long EngineClaimAndCommit() => ClaimAndCommit(new InMemoryBudgetLedger(tree));

    /// <summary>
    /// The full claim in a steady state, as a service runs it: ClaimAsync then CommitAsync of the grant through ONE long-lived
    /// engine over an in-memory ledger it owns, with <see cref="CampaignEngineOptions.Retention"/> = 10 minutes; each invocation's
    /// claims are two minutes after the previous invocation's, so the engine prunes (store and ledger) on its cadence inside the
    /// measured method, and keeps about a retention plus a hold of claims (some 13 invocations, ~500,000 claims). Keys are
    /// distinct within that span.
    /// </summary>
    /// <returns>The number of grants.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long EngineClaimAndCommitSteadyState() => SteadyRound(perThread: false);

    /// <summary>
    /// VARIANT (one engine per thread): as <see cref="EngineClaimAndCommitSteadyState"/>, but each thread claims through its own
    /// long-lived engine over its own budget tree (independent programmes, as keyed engines in one app): nothing of the library
    /// is shared between the threads, so it shows how far the machine itself lets this memory-bound work scale. Identical to
    /// the steady state on one thread.
    /// </summary>
    /// <returns>The number of grants.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long EngineClaimAndCommitSteadyStateEnginePerThread() => SteadyRound(perThread: true);

    private long SteadyRound(bool perThread)
    {
        if (round == SteadyRounds)
        {
            // The window's end (not reached by a usual run): start again with a fresh engine rather than go back in time.
            NewSteadyEngine();
        }

        var roundClaims = steadyClaims[round++];
        steadyClock.Now = roundClaims[0].At; // the engine never prunes past its clock: the clock follows the claims, as in a service
        var engines = perThread ? steadyPerThread : [steady!];
        var offset = keyOffset;
        keyOffset = (keyOffset + Operations) % steadyKeys.Length;
        long granted = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            long mine = 0;
            var engine = engines[t % engines.Length];
            for (var i = t; i < Operations; i += Threads)
            {
                var result = BenchmarkTrees.Sync(engine.ClaimAsync(roundClaims[i & (SteadyParticipants - 1)], steadyKeys[offset + i]));
                if (result.IsReplay)
                {
                    // A replay costs a fraction of a claim: measuring one would flatter the engine. Keys must be new within the retention.
                    throw new InvalidOperationException($"Key {steadyKeys[offset + i]} was replayed: the steady state must claim afresh.");
                }

                BenchmarkTrees.Sync(engine.CommitAsync(result.Grants[0].Reference, result.Grants[0].Amount, result.Grants[0].ReservedAt));
                mine++;
            }

            Interlocked.Add(ref granted, mine);
        });
        return granted;
    }

    /// <summary>Builds the benchmark's budget tree: <c>fest/app/food</c>, three levels, limits no run reaches.</summary>
    /// <returns>The tree.</returns>
    internal static BudgetTree CreateTree()
    {
        var huge = Money.FromMinorUnits(long.MaxValue / 4, Currency.CNY);
        return new BudgetTreeBuilder(Currency.CNY, Window).Add("fest", huge).Add("fest/app", huge).Add("fest/app/food", huge).Build();
    }

    /// <summary>Builds the benchmark's campaign: an <c>allOf(channel, category)</c> rule, a fixed 8.88 CNY, routed by channel and category.</summary>
    /// <returns>The campaign.</returns>
    internal static Campaign CreateCampaign() => Campaign.Create("bench").During(Window)
        .When(EligibilityRule.AllOf(EligibilityRule.Channel("app"), EligibilityRule.Category("food")))
        .Rewarding(new FixedRewardPolicy(Money.FromDecimal(8.88m, Currency.CNY)))
        .DrawingFrom("fest", "fest/{channel}/{category}")
        .Build();

    /// <summary>Disposes the steady-state engine.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        steady?.Dispose();
        foreach (var engine in steadyPerThread)
        {
            engine.Dispose();
        }
    }

    /// <summary>
    /// VARIANT (engine only): the same claims and commits through the engine, on <see cref="StubBudgetLedger"/>, which checks and
    /// keeps nothing. It shows the engine's own cost per claim (evaluation, selection, idempotency store, result) without the
    /// ledger's; it is not a full claim.
    /// </summary>
    /// <returns>The number of grants.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long EngineOnlyOnStubLedger() => ClaimAndCommit(new StubBudgetLedger(tree));

    /// <summary>
    /// FLOOR (not a claim): what any in-memory idempotent engine must do per claim whatever its design, written by hand: remember
    /// the result under the caller's key (a striped dictionary under a lock, as the engine's store), and allocate the returned
    /// grant (a <see cref="CampaignGrant"/>, its one-element array and a result-sized object). No evaluation, no ledger. (Until
    /// this round it also allocated the ledger key string <c>{key}:{campaignId}</c>, which the engine no longer builds for the
    /// in-memory ledger.) The store grows from empty within the invocation; see <see cref="FloorIdempotencySteadyState"/>.
    /// </summary>
    /// <returns>The number of records kept.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long FloorIdempotencyRecordAndGrant()
    {
        var stripes = new Dictionary<string, object>[32];
        for (var i = 0; i < stripes.Length; i++)
        {
            stripes[i] = new Dictionary<string, object>(StringComparer.Ordinal);
        }

        long kept = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            long mine = 0;
            for (var i = t; i < Operations; i += Threads)
            {
                var key = keys[i];
                var grant = new CampaignGrant("bench", "fest", "fest/app/food", new ReservationId(i + 1), Amount, At, At + Campaign.DefaultHold);
                var result = new ResultShape(key, "p1", [grant], At);
                var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % 32)];
                lock (stripe)
                {
                    stripe.Add(key, result);
                }

                mine++;
            }

            Interlocked.Add(ref kept, mine);
        });
        return kept;
    }

    /// <summary>
    /// FLOOR (not a claim), in the steady state: what an in-memory idempotent engine must do per claim once it keeps a
    /// retention's worth of claims, by hand, with the library's own index (<c>KeyIndex</c>, striped, under a lock): hash the key,
    /// remember the claim under it (a record the size of the engine's), forget the claim made <see cref="SteadyKept"/> claims
    /// earlier by its handle (as pruning does), and allocate the returned grant. One index, as the engine keeps with a ledger it made
    /// (two until session 4: its store and the ledger's keys); no evaluation, no ledger. The same keys, in the same order, and about as many kept (~500,000) as
    /// <see cref="EngineClaimAndCommitSteadyState"/>.
    /// </summary>
    /// <returns>The number of records kept.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long FloorIdempotencySteadyState()
    {
        var start = indexNext;
        indexNext += Operations;
        var stripes = indexStripes;
        var handles = indexHandles;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = t; i < Operations; i += Threads)
            {
                var op = start + i;
                var key = new KeyText(steadyKeys[op % steadyKeys.Length]);
                var grant = new CampaignGrant("bench", "fest", "fest/app/food", new ReservationId(op + 1), Amount, At, At + Campaign.DefaultHold);
                _ = new ResultShape(key.Head, "p1", [grant], At);
                if (op >= SteadyKept)
                {
                    // Forget the claim made SteadyKept claims earlier (its handle sits where this claim's will go, written in an
                    // earlier invocation: SteadyKept is larger than Operations).
                    var (oldStripe, handle) = handles[op % SteadyKept];
                    lock (stripes[oldStripe])
                    {
                        stripes[oldStripe].TryRemoveAt(handle, out _);
                    }
                }

                var stripe = (int)((uint)key.GetHashCode() >> 27);
                lock (stripes[stripe])
                {
                    handles[op % SteadyKept] = (stripe, stripes[stripe].Set(key, new FloorRecord { Value = FloorCampaign, KeepUntil = At, ParticipantId = "p1", NodePath = "fest/app/food", AmountUnits = 888, ReservationId = op + 1 }));
                }
            }
        });
        return indexStripes.Sum(d => (long)d.Count);
    }

    /// <summary>
    /// VARIANT of <see cref="FloorIdempotencySteadyState"/> with a striped <see cref="Dictionary{TKey, TValue}"/> of strings (and
    /// a removal by key): what the engine's store and the ledger's keys cost before session 3.
    /// </summary>
    /// <returns>The number of records kept.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long FloorDictionarySteadyState()
    {
        var start = floorNext;
        floorNext += Operations;
        var stripes = floorStripes;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = t; i < Operations; i += Threads)
            {
                var op = start + i;
                var key = steadyKeys[op % steadyKeys.Length];
                var grant = new CampaignGrant("bench", "fest", "fest/app/food", new ReservationId(op + 1), Amount, At, At + Campaign.DefaultHold);
                _ = new ResultShape(key, "p1", [grant], At);
                var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % 32)];
                lock (stripe)
                {
                    stripe[key] = new FloorRecord { Value = FloorCampaign, KeepUntil = At, ParticipantId = "p1", NodePath = "fest/app/food", AmountUnits = 888, ReservationId = op + 1 };
                }

                if (op >= SteadyKept)
                {
                    var old = steadyKeys[(op - SteadyKept) % steadyKeys.Length];
                    var oldStripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(old) % 32)];
                    lock (oldStripe)
                    {
                        oldStripe.Remove(old);
                    }
                }
            }
        });
        return floorStripes.Sum(d => (long)d.Count);
    }

    private void NewSteadyEngine()
    {
        steady?.Dispose();
        foreach (var engine in steadyPerThread)
        {
            engine.Dispose();
        }

        steadyClock.Now = Window.Start;
        steady = NewEngine(tree);
        steadyPerThread = Enumerable.Range(0, Threads).Select(_ => NewEngine(CreateTree())).ToArray();
        round = 0;
        keyOffset = 0;

        CampaignEngine NewEngine(BudgetTree budget) => new(
            CampaignProgramme.Create([campaign], [new KeyValuePair<string, BudgetTree>("fest", budget)]),
            steadyClock,
            new CampaignEngineOptions { Retention = Duration.FromMinutes(10) });
    }

    private long ClaimAndCommit(IBudgetLedger ledger)
    {
        using var engine = new CampaignEngine([campaign], new Dictionary<string, IBudgetLedger> { ["fest"] = ledger }, new FixedClock(At));
        long granted = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            long mine = 0;
            for (var i = t; i < Operations; i += Threads)
            {
                var result = BenchmarkTrees.Sync(engine.ClaimAsync(claims[i & 63], keys[i]));
                BenchmarkTrees.Sync(engine.CommitAsync(result.Grants[0]));
                mine++;
            }

            Interlocked.Add(ref granted, mine);
        });
        return granted;
    }

    /// <summary>An object the size of a <c>ClaimResult</c> (whose constructor is internal): key, participant, grants, denials, flag, instant.</summary>
    private sealed record ResultShape(string Key, string Participant, CampaignGrant[] Grants, Instant KeepUntil)
    {
        public object? Denials { get; init; }

        public bool IsReplay { get; init; }
    }

    /// <summary>A record the size of the engine's kept value for one granted claim.</summary>
    private struct FloorRecord
    {
        public object? Value;
        public Instant KeepUntil;
        public string? ParticipantId;
        public string? NodePath;
        public long AmountUnits;
        public long ReservationId;
    }

    /// <summary>A clock stopped at one instant (the benchmarks do not reference NodaTime.Testing).</summary>
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    /// <summary>The steady-state engine's clock, moved to each invocation's claim instant.</summary>
    private sealed class SteadyClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
