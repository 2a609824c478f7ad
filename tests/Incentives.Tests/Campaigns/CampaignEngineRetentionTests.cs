using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using Incentives.Campaigns;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

/// <summary><see cref="CampaignEngine.PruneSettled"/> and <see cref="CampaignEngineOptions.Retention"/>: bounded memory without a second grant.</summary>
public sealed class CampaignEngineRetentionTests
{
    private static readonly Duration Hold = Campaign.DefaultHold;

    /// <summary>A stream of claims: key index (a small pool, so keys repeat) and minutes after the previous claim.</summary>
    public sealed record Step(int Key, int Gap, bool Commit);

    public sealed record Stream(int RetentionMinutes, IReadOnlyList<Step> Steps)
    {
        public override string ToString() => $"retention {RetentionMinutes} min; " + string.Join(" ", Steps.Select(s => $"k{s.Key}+{s.Gap}{(s.Commit ? "c" : string.Empty)}"));
    }

    private static Arbitrary<Stream> Streams() =>
        (from retention in Gen.Choose(5, 180)
         from steps in Gen.ListOf(
             from key in Gen.Choose(0, 15)
             from gap in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Choose(6, 90)))
             from commit in Gen.Elements(true, true, false)
             select new Step(key, gap, commit)).Where(l => l.Count <= 80)
         select new Stream(retention, [.. steps])).ToArbitrary();

    /// <summary>A step of <see cref="Successive_prunes_remove_exactly_the_results_kept_until_before_each_cut_off"/>: a claim or a prune.</summary>
    public sealed record PruneStep(int Key, int Gap, bool Prune, string Channel, bool Commit, int CutMinutes)
    {
        /// <inheritdoc />
        public override string ToString() =>
            Prune ? $"+{Gap} prune now{CutMinutes:+0;-0}min{(Commit ? " retry" : string.Empty)}" : $"+{Gap} k{Key}@{Channel}{(Commit ? "c" : string.Empty)}";
    }

    private static Arbitrary<PruneStep[]> PruneStreams() =>
        Gen.ArrayOf(
            from key in Gen.Frequency((1, Gen.Choose(0, 7)), (2, Gen.Choose(8, 47))) // a few keys repeat often
            from gap in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Choose(6, 60)))
            from prune in Gen.Frequency((5, Gen.Constant(false)), (2, Gen.Constant(true)))
            from channel in Gen.Frequency((3, Gen.Constant("app")), (1, Gen.Constant("tv"))) // no tv node: denied, kept only until its instant
            from commit in Gen.Elements(true, false)
            from cut in Gen.Choose(-240, 150)
            select new PruneStep(key, gap, prune, channel, commit, cut)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Retries_within_the_retention_replay_exactly_and_a_key_never_reserves_twice_while_retained() =>
        Prop.ForAll(Streams(), stream =>
        {
            var retention = Duration.FromMinutes(stream.RetentionMinutes);
            var clock = new FakeClock(Day(1, 0));
            using var engine = new CampaignEngine(Programme(), clock, new CampaignEngineOptions { Retention = retention });
            var first = new Dictionary<int, (ClaimResult Result, Instant KeepUntil)>();
            var reservations = new HashSet<ReservationId>();
            var committed = 0L;
            var at = Day(1, 0);
            foreach (var step in stream.Steps)
            {
                at += Duration.FromMinutes(step.Gap);
                clock.Reset(at); // the engine never prunes past its clock: the clock follows the claims, as it does in production
                var key = "order-" + step.Key;
                var claim = Claim("p" + step.Key, at: at);
                var result = engine.ClaimAsync(claim, key).AsTask().GetAwaiter().GetResult();
                if (first.TryGetValue(step.Key, out var earlier) && earlier.KeepUntil >= at - retention)
                {
                    // Every cut-off so far is at most this claim's instant minus the retention: the first result must still be there.
                    Assert.True(result.IsReplay, $"{key} at {at} was not replayed");
                    Assert.Equal(earlier.Result.Grants.Select(g => g.Reference), result.Grants.Select(g => g.Reference));
                    continue;
                }

                if (!result.IsReplay)
                {
                    first[step.Key] = (result, result.IsGranted ? Instant.Max(at, result.Grant.ExpiresAt) : at);
                }

                foreach (var grant in result.Grants)
                {
                    if (reservations.Add(grant.ReservationId) && step.Commit)
                    {
                        Assert.True(engine.CommitAsync(grant, at).AsTask().GetAwaiter().GetResult().Succeeded);
                        committed += grant.Amount.MinorUnits;
                    }
                }
            }

            // Pruning never moves money: what was committed is still committed; every new reservation is counted once.
            var root = engine.Ledgers["fest"].GetSnapshotAsync(at).AsTask().GetAwaiter().GetResult()["fest"];
            Assert.Equal(committed, root.Committed.MinorUnits);
            Assert.True(root.Reserved.MinorUnits + root.Committed.MinorUnits <= reservations.Count * 10);
        }).Label("retries inside the retention");

    [Property(MaxTest = 100)]
    public Property Pruning_changes_no_balance_and_keeps_every_claim_settled_after_the_cut_off() =>
        Prop.ForAll(Streams(), Gen.Choose(0, 600).ToArbitrary(), (stream, cutMinutes) =>
        {
            using var engine = new CampaignEngine(Programme(), new FakeClock(Day(1, 0)));
            var results = new Dictionary<string, (ClaimResult Result, Instant KeepUntil)>();
            var at = Day(1, 0);
            foreach (var step in stream.Steps)
            {
                at += Duration.FromMinutes(step.Gap);
                var key = "order-" + step.Key;
                var result = engine.ClaimAsync(Claim("p" + step.Key, at: at), key).AsTask().GetAwaiter().GetResult();
                if (!result.IsReplay)
                {
                    results[key] = (result, result.IsGranted ? Instant.Max(at, result.Grant.ExpiresAt) : at);
                    if (result.IsGranted && step.Commit)
                    {
                        Assert.True(engine.CommitAsync(result.Grant, at).AsTask().GetAwaiter().GetResult().Succeeded);
                    }
                }
            }

            var cutOff = Day(1, 0) + Duration.FromMinutes(cutMinutes);
            var before = Balances(engine, at);
            var pruned = engine.PruneSettled(cutOff);

            Assert.Equal(before, Balances(engine, at));
            Assert.Equal(results.Values.Count(r => r.KeepUntil < cutOff), pruned.ClaimResults);
            foreach (var (key, (first, keepUntil)) in results.Where(r => r.Value.KeepUntil >= cutOff))
            {
                var retry = engine.ClaimAsync(Claim("p" + key[6..], at: at), key).AsTask().GetAwaiter().GetResult();
                Assert.True(retry.IsReplay);
                Assert.Equal(first.Grants.Select(g => g.Reference), retry.Grants.Select(g => g.Reference));
            }

            Assert.Equal(before, Balances(engine, at));
        });

    /// <summary>
    /// Successive prunes, with claims in between, each remove exactly the results not pruned yet whose keep-until is before the
    /// cut-off: keep-untils arrive out of order (a granted claim keeps until its hold ends, a denied one only until its instant),
    /// cut-offs go backwards and forwards, and a pruned key claimed again is kept again with its new keep-until.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Successive_prunes_remove_exactly_the_results_kept_until_before_each_cut_off() =>
        Prop.ForAll(PruneStreams(), steps =>
        {
            using var engine = new CampaignEngine(Programme(), new FakeClock(Day(1, 0)));
            var kept = new Dictionary<string, (ClaimResult First, Instant KeepUntil)>();
            var at = Day(1, 0);

            void ClaimAndModel(int index, string channel)
            {
                var key = "order-" + index;
                var result = engine.ClaimAsync(Claim("p" + index, channel, at: at), key).AsTask().GetAwaiter().GetResult();
                if (kept.TryGetValue(key, out var first))
                {
                    // A kept key replays its first result and stores nothing new.
                    Assert.True(result.IsReplay, $"{key} at {at} was not replayed");
                    Assert.Equal(first.First.Grants.Select(g => g.Reference), result.Grants.Select(g => g.Reference));
                    return;
                }

                Assert.False(result.IsReplay, $"{key} at {at} was replayed although it was pruned or never claimed");
                kept[key] = (result, result.IsGranted ? Instant.Max(at, result.Grant.ExpiresAt) : at);
            }

            foreach (var step in steps)
            {
                at += Duration.FromMinutes(step.Gap);
                if (!step.Prune)
                {
                    ClaimAndModel(step.Key, step.Channel);
                    if (step.Commit && kept["order-" + step.Key].First is { IsGranted: true } granted)
                    {
                        engine.CommitAsync(granted.Grant, at).AsTask().GetAwaiter().GetResult();
                    }

                    continue;
                }

                var cutOff = at + Duration.FromMinutes(step.CutMinutes);
                var due = kept.Where(k => k.Value.KeepUntil < cutOff).Select(k => k.Key).ToList();
                var before = Balances(engine, at);

                var pruned = engine.PruneSettled(cutOff);

                Assert.Equal(due.Count, pruned.ClaimResults);
                Assert.Equal(before, Balances(engine, at));
                due.ForEach(k => kept.Remove(k));

                // Every key still kept replays; a pruned key, retried (when the step says so), is a new claim, kept again.
                foreach (var key in kept.Keys.ToList())
                {
                    ClaimAndModel(int.Parse(key[6..], CultureInfo.InvariantCulture), "app");
                }

                if (step.Commit)
                {
                    due.ForEach(k => ClaimAndModel(int.Parse(k[6..], CultureInfo.InvariantCulture), "app"));
                }
            }

            // A last prune past every keep-until removes every result left.
            var end = kept.Values.Select(k => k.KeepUntil).DefaultIfEmpty(at).Max() + Duration.FromMinutes(1);
            Assert.Equal(kept.Count, engine.PruneSettled(end).ClaimResults);
            Assert.Equal(0, engine.PruneSettled(end).ClaimResults);
        });

    [Fact]
    public async Task A_grant_still_held_is_not_forgotten_even_when_its_claim_is_older_than_the_cut_off()
    {
        using var engine = new CampaignEngine(Programme(), new FakeClock(Day(1)));
        var first = await engine.ClaimAsync(Claim(at: Day(1)), "order-1");

        var pruned = engine.PruneSettled(Day(1) + Duration.FromMinutes(10));
        var retry = await engine.ClaimAsync(Claim(at: Day(1)), "order-1");

        Assert.Equal(0, pruned.ClaimResults);
        Assert.True(retry.IsReplay);
        Assert.Equal(first.Grant.Reference, retry.Grant.Reference);
    }

    [Fact]
    public async Task A_pruned_claim_retried_gets_the_same_reservation_from_a_ledger_the_engine_does_not_own()
    {
        var ledger = new InMemoryBudgetLedger(Tree());
        using var engine = new CampaignEngine([Fixed("lunch", 5m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = ledger }, new FakeClock(Day(1)));
        var first = await engine.ClaimAsync(Claim(at: Day(1)), "order-1");
        await engine.CommitAsync(first.Grant, Day(1));

        var pruned = engine.PruneSettled(Day(2));
        var retry = await engine.ClaimAsync(Claim(at: Day(1)), "order-1");

        // The engine forgot the claim, not the ledger (the caller owns it): the ledger replays the reservation, nothing is reserved twice.
        Assert.Equal(new CampaignPruneResult(1, 0, 0), pruned);
        Assert.False(retry.IsReplay);
        Assert.Equal(first.Grant.ReservationId, retry.Grant.ReservationId);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Day(2)))["fest"].Committed);
    }

    [Fact]
    public async Task Owned_in_memory_ledgers_are_pruned_with_the_engine()
    {
        using var engine = new CampaignEngine(Programme(), new FakeClock(Day(1)));
        var granted = await engine.ClaimAsync(Claim(at: Day(1)), "order-1");
        await engine.CommitAsync(granted.Grant, Day(1));

        var pruned = engine.PruneSettled(Day(2));

        Assert.Equal(1, pruned.ClaimResults);
        Assert.Equal(1, pruned.Reservations);
        Assert.Null(await engine.GetReservationAsync(granted.Grant.Reference));
        Assert.Equal(Cny(0.10m), (await engine.Ledgers["fest"].GetSnapshotAsync(Day(2)))["fest"].Committed);
    }

    [Fact]
    public async Task The_retention_prunes_on_the_cadence_of_claim_instants()
    {
        var clock = new FakeClock(Day(1, 8));
        using var engine = new CampaignEngine(Programme(), clock, new CampaignEngineOptions { Retention = Duration.FromHours(1) });
        var old = await engine.ClaimAsync(Claim("early", at: Day(1, 8)), "order-early");
        await engine.CommitAsync(old.Grant, Day(1, 8));
        clock.Reset(Day(1, 10));
        var recent = await engine.ClaimAsync(Claim("late", at: Day(1, 10)), "order-late");

        // The claim at 10:00 passed the cadence point and pruned with the cut-off 09:00 before it was handled.
        Assert.Equal(new CampaignPruneResult(0, 0, 0), engine.PruneSettled(Day(1, 9)));
        Assert.True((await engine.ClaimAsync(Claim("late", at: Day(1, 10)), "order-late")).IsReplay);
        Assert.Equal(recent.Grant.Reference, (await engine.ClaimAsync(Claim("late", at: Day(1, 10)), "order-late")).Grant.Reference);
        Assert.Equal(Duration.FromHours(1), engine.Retention);
    }

    [Fact]
    public async Task A_claim_stamped_far_ahead_of_the_clock_never_prunes_claims_that_are_still_within_their_retention()
    {
        // Review finding: the cut-off came from the caller's Claim.At alone, so one claim stamped a year ahead (a wrong client
        // clock) made the engine forget every settled claim and pushed the next prune a year away.
        var clock = new FakeClock(Day(1, 10));
        using var engine = new CampaignEngine(Programme(), clock, new CampaignEngineOptions { Retention = Duration.FromHours(1) });
        var paid = await engine.ClaimAsync(Claim("ann", at: Day(1, 10)), "order-ann");
        await engine.CommitAsync(paid.Grant, Day(1, 10));

        await engine.ClaimAsync(Claim("bob", at: Day(1, 10) + Duration.FromDays(365)), "order-bob");

        var retry = await engine.ClaimAsync(Claim("ann", at: Day(1, 10)), "order-ann");
        Assert.True(retry.IsReplay);
        Assert.Equal(paid.Grant.Reference, retry.Grant.Reference);

        // The cadence was not pushed a year away: when the clock and the claims reach 14:00, the 10:00 claim (kept until its
        // 2-hour hold would have ended, 12:00) is pruned with the cut-off 13:00, and a retry of it is a new claim.
        clock.Reset(Day(1, 14));
        await engine.ClaimAsync(Claim("cat", at: Day(1, 14)), "order-cat");
        Assert.False((await engine.ClaimAsync(Claim("ann", at: Day(1, 14)), "order-ann")).IsReplay);
    }

    [Fact]
    public async Task Pruning_while_threads_claim_and_retry_forgets_only_settled_claims_and_never_grants_a_retained_key_twice()
    {
        // 4 threads: each makes 500 old claims (08:00, committed at once; kept until their 2-hour hold would end at 10:00, so
        // prunable at the 10:30 cut-off) and 500 new ones (09:00, held until 11:00: never prunable), each new one sent twice; a
        // fifth thread prunes with the 10:30 cut-off meanwhile.
        using var engine = new CampaignEngine(Programme(Cny(10_000m)), new FakeClock(Day(1)));
        var firsts = new System.Collections.Concurrent.ConcurrentDictionary<string, ReservationId>();
        var pruned = 0;
        var claiming = Enumerable.Range(0, 4).Select(thread => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var old = await engine.ClaimAsync(Claim($"o{thread}-{i}", at: Day(1, 8)), $"old-{thread}-{i}");
                Assert.True((await engine.CommitAsync(old.Grant, Day(1, 8))).Succeeded);
                var key = $"new-{thread}-{i}";
                var first = await engine.ClaimAsync(Claim($"n{thread}-{i}", at: Day(1, 9)), key);
                var retry = await engine.ClaimAsync(Claim($"n{thread}-{i}", at: Day(1, 9)), key);
                Assert.True(retry.IsReplay);
                Assert.Equal(first.Grant.ReservationId, retry.Grant.ReservationId);
                Assert.True(firsts.TryAdd(key, first.Grant.ReservationId));
            }
        })).ToArray();
        var pruning = Task.Run(async () =>
        {
            while (!claiming.All(t => t.IsCompleted))
            {
                Interlocked.Add(ref pruned, engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30)).ClaimResults);
                await Task.Yield();
            }
        });
        await Task.WhenAll([.. claiming, pruning]);
        pruned += engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30)).ClaimResults;

        var root = (await engine.Ledgers["fest"].GetSnapshotAsync(Day(1, 9)))["fest"];
        Assert.Equal(2_000, pruned);
        Assert.Equal(Cny(200m), root.Committed);   // 2,000 old claims of 0.10, committed, unchanged by pruning
        Assert.Equal(Cny(200m), root.Reserved);    // 2,000 new claims held once each, although each was sent twice
        Assert.Equal(2_000, firsts.Values.Distinct().Count());
    }

    [Fact]
    public async Task One_prune_of_thousands_of_claims_removes_exactly_those_due_and_every_other_key_still_replays()
    {
        // 5,000 claims at 08:00 (kept until 10:00) and 5,000 at 09:00 (kept until 11:00): about 156 per stripe of each, so the
        // prune takes each stripe's due keys in several batches. The 10:30 cut-off removes exactly the first 5,000.
        using var engine = new CampaignEngine(Programme(Cny(10_000m)), new FakeClock(Day(1)));
        var firsts = new Dictionary<string, ReservationId>();
        foreach (var (prefix, hour) in new[] { ("old", 8), ("new", 9) })
        {
            for (var i = 0; i < 5_000; i++)
            {
                firsts[$"{prefix}-{i}"] = (await engine.ClaimAsync(Claim($"p{i}", at: Day(1, hour)), $"{prefix}-{i}")).Grant.ReservationId;
            }
        }

        Assert.Equal(5_000, await engine.ExpireDueAsync(Day(1, 10) + Duration.FromMinutes(30))); // the 08:00 holds ended at 10:00
        var pruned = engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30));

        Assert.Equal(5_000, pruned.ClaimResults);
        Assert.Equal(5_000, pruned.Reservations);
        for (var i = 0; i < 5_000; i++)
        {
            var retry = await engine.ClaimAsync(Claim($"p{i}", at: Day(1, 9)), $"new-{i}");
            Assert.True(retry.IsReplay);
            Assert.Equal(firsts[$"new-{i}"], retry.Grant.ReservationId);
        }

        var again = await engine.ClaimAsync(Claim("p0", at: Day(1, 9)), "old-0");
        Assert.False(again.IsReplay);
        Assert.NotEqual(firsts["old-0"], again.Grant.ReservationId);
        Assert.Equal(0, engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30)).ClaimResults);
    }

    [Fact]
    public async Task After_a_burst_the_store_gives_memory_back_and_the_claims_it_still_keeps_replay_and_are_pruned_exactly()
    {
        // 20,000 claims at 08:00 (kept until 10:00), 300 at 09:00 (kept until 11:00). The prune at 10:30 forgets the burst; the
        // next finds each stripe far larger than it held and packs it; the 300 still replay, and the 11:30 prune finds them
        // where they moved to.
        using var engine = new CampaignEngine(Programme(Cny(10_000m)), new FakeClock(Day(1)));
        for (var i = 0; i < 20_000; i++)
        {
            await engine.ClaimAsync(Claim($"b{i}", at: Day(1, 8)), $"burst-{i}");
        }

        var kept = new Dictionary<string, ReservationId>();
        for (var i = 0; i < 300; i++)
        {
            kept[$"kept-{i}"] = (await engine.ClaimAsync(Claim($"k{i}", at: Day(1, 9)), $"kept-{i}")).Grant.ReservationId;
        }

        var afterBurst = engine.StoreEntryCapacity;
        Assert.Equal(20_000, engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30)).ClaimResults);
        Assert.Equal(0, engine.PruneSettled(Day(1, 10) + Duration.FromMinutes(30)).ClaimResults);
        var packed = engine.StoreEntryCapacity;

        Assert.True(afterBurst >= 20_300, $"{afterBurst}");
        Assert.True(packed <= 32 * 64, $"{packed}"); // 32 stripes of at most 64 entries, down from room for the burst
        foreach (var (key, id) in kept)
        {
            var retry = await engine.ClaimAsync(Claim("k" + key[5..], at: Day(1, 9)), key);
            Assert.True(retry.IsReplay, key);
            Assert.Equal(id, retry.Grant.ReservationId);
        }

        Assert.Equal(300, engine.PruneSettled(Day(1, 11) + Duration.FromMinutes(30)).ClaimResults);
        Assert.False((await engine.ClaimAsync(Claim("k0", at: Day(1, 9)), "kept-0")).IsReplay);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1_000_000_000L)]
    [InlineData(50L)] // shorter than one tick: it would count as zero ticks and turn pruning off
    [InlineData(3654L * 24 * 3600 * 1_000_000_000)]
    public void A_retention_shorter_than_a_tick_or_longer_than_ten_years_is_refused(long nanoseconds)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CampaignEngineOptions { Retention = Duration.FromNanoseconds(nanoseconds) });
        Assert.Equal(nameof(CampaignEngineOptions.Retention), e.ParamName);
    }

    [Fact]
    public void Without_a_retention_the_engine_keeps_every_claim()
    {
        using var engine = new CampaignEngine(Programme(), new FakeClock(Day(1)));
        Assert.Null(engine.Retention);
    }

    private static CampaignProgramme Programme() =>
        CampaignProgramme.Create([Fixed("lunch", 0.10m).HoldingFor(Duration.FromHours(2)).Build()], new Dictionary<string, BudgetTree> { ["fest"] = Tree() });

    /// <summary>The same campaign over fest, fest/app and fest/app/food of <paramref name="limit"/> each: room for thousands of claims.</summary>
    private static CampaignProgramme Programme(Money limit) =>
        CampaignProgramme.Create(
            [Fixed("lunch", 0.10m).HoldingFor(Duration.FromHours(2)).Build()],
            new Dictionary<string, BudgetTree> { ["fest"] = new BudgetTreeBuilder(Currency.CNY, Festival).Add("fest", limit).Add("fest/app", limit).Add("fest/app/food", limit).Build() });

    private static string Balances(CampaignEngine engine, Instant at) =>
        string.Join("; ", engine.Ledgers["fest"].GetSnapshotAsync(at).AsTask().GetAwaiter().GetResult().Nodes
            .Select(n => $"{n.Path} {n.Reserved} {n.Committed} {n.Available}"));
}
