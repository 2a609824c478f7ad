using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Globalization;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Rewards.Randomness;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Simulation;

/// <summary>
/// Replays simulated traffic through the REAL <see cref="CampaignEngine"/> and its <see cref="InMemoryBudgetLedger"/>s with a
/// <see cref="SimulationClock"/>: claims in time order, then commits, releases and refunds of the grants as the traffic model
/// says, with a ledger snapshot and invariant check every <see cref="SimulationOptions.SnapshotInterval"/> and at each day end.
/// </summary>
/// <remarks>
/// A run consumes the programme's stateful parts (red-envelope pools): build a fresh <see cref="CampaignProgramme"/> for each
/// run (a factory method or <c>CampaignProgrammeJson.Load</c>). Every budget of the programme must have the same currency.
/// </remarks>
/// <threadsafety>A simulator runs one simulation at a time, on one thread, so that runs are deterministic.</threadsafety>
public sealed class CampaignSimulator
{
    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;
    private readonly CampaignProgramme programme;
    private readonly SimulationOptions options;

    /// <summary>Initializes a simulator of <paramref name="programme"/>.</summary>
    /// <param name="programme">The campaigns and budget trees, fresh (not used by another run).</param>
    /// <param name="options">The window, traffic, seed and checks.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The programme has no budget, budgets in several currencies, or the traffic model is invalid (the message says what).</exception>
    public CampaignSimulator(CampaignProgramme programme, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Traffic, nameof(options));
        if (programme.Budgets.Count == 0)
        {
            throw new ArgumentException("The programme has no budget to simulate.", nameof(programme));
        }

        if (programme.Budgets.Values.Select(t => t.Currency).Distinct().Count() != 1)
        {
            throw new ArgumentException("Every budget of a simulated programme must have the same currency.", nameof(programme));
        }

        TrafficChecks.Validate(options.Traffic, options.Window.Days.Count, nameof(options));
        if (options.SnapshotInterval <= Duration.Zero || options.ProgressEvery <= 0)
        {
            throw new ArgumentException("SnapshotInterval and ProgressEvery must be positive.", nameof(options));
        }

        if (options.Retention is { } retention && (retention < CampaignEngineOptions.MinRetention || retention > CampaignEngineOptions.MaxRetention))
        {
            throw new ArgumentException("Retention must be at least one tick (100 ns) and at most ten years (3653 days), or null for the automatic one.", nameof(options));
        }

        this.programme = programme;
        this.options = options;
    }

    /// <summary>Runs the simulation.</summary>
    /// <param name="progress">Receives progress every <see cref="SimulationOptions.ProgressEvery"/> claims and at the end; optional.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SimulationReport> RunAsync(IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var window = options.Window;
        var clock = new SimulationClock(window.Start);
        using var engine = new CampaignEngine(programme, clock, new CampaignEngineOptions
        {
            Random = new SeededRandomSource(options.Seed ^ 0x9E3779B97F4A7C15UL),
            Retention = options.Retention ?? SafeRetention(programme, options.Traffic),
        });
        var run = new Run(engine, clock, options, programme.Budgets.Values.First().Currency);
        await run.ExecuteAsync(progress, cancellationToken).ConfigureAwait(false);
        return run.Report();
    }

    internal static string Text(Instant instant) => InstantText.Format(instant);

    /// <summary>
    /// The retention after which nothing the simulation still does can need a pruned record: the latest refund comes at most
    /// <c>10 × SettleDelay + 48 × RefundDelay</c> after its claim, and a hold ends at most the longest hold after it.
    /// </summary>
    internal static Duration SafeRetention(CampaignProgramme programme, TrafficModel traffic)
    {
        var hold = programme.Campaigns.Count == 0 ? Duration.Zero : programme.Campaigns.Max(c => c.Hold);
        var retention = (traffic.SettleDelay * 10) + (traffic.RefundDelay * 48) + hold + Duration.FromHours(1);
        var longest = Duration.FromDays(3653);
        return retention > longest ? longest : retention;
    }

    private enum EventKind
    {
        Commit,
        Release,
        Refund,
        Check,
    }

    private sealed record Pending(EventKind Kind, CampaignGrant? Grant, int[]? Nodes, int Day);

    private sealed class Run
    {
        private readonly CampaignEngine engine;
        private readonly SimulationClock clock;
        private readonly SimulationOptions options;
        private readonly TrafficModel traffic;
        private readonly Currency currency;
        private readonly SeededRandomSource random;
        private readonly IReadOnlyList<Time.CampaignDay> days;
        private readonly List<(string BudgetId, IBudgetLedger Ledger, BudgetTree Tree)> ledgers = [];
        private readonly List<(string BudgetId, string Path, BudgetNode Node)> nodes = [];
        private readonly Dictionary<(string, string), int[]> pathNodes = [];
        private readonly int[] rootNodes;
        private readonly long[,,] flows; // node, day, metric
        private readonly string?[] exhaustedAt;
        private readonly string?[,] dayExhaustedAt;
        private readonly long[,] remainingAtDayEnd;
        private readonly long[] dayClaims;
        private readonly long[] dayGranted;
        private readonly SortedDictionary<string, long>[] dayDenials;
        private readonly SortedDictionary<string, long> denials = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Pending, (Instant, long)> queue = new();
        private readonly List<string> violations = [];
        private readonly Participant[] participants;
        private readonly long[] participantGrants;
        private readonly bool[] participantClaimed;
        private long sequence;
        private long checks;
        private long claims;
        private long grantedClaims;
        private long envelopeCount;
        private long envelopeTotal;
        private long envelopeMin = long.MaxValue;
        private long envelopeMax = long.MinValue;

        private const int Grants = 0;
        private const int Granted = 1;
        private const int Committed = 2;
        private const int Released = 3;
        private const int Refunded = 4;

        public Run(CampaignEngine engine, SimulationClock clock, SimulationOptions options, Currency currency)
        {
            this.engine = engine;
            this.clock = clock;
            this.options = options;
            traffic = options.Traffic;
            this.currency = currency;
            random = new SeededRandomSource(options.Seed);
            days = options.Window.Days;
            foreach (var (id, ledger) in engine.Ledgers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var tree = ((InMemoryBudgetLedger)ledger).Tree;
                ledgers.Add((id, ledger, tree));
                foreach (var node in tree.Nodes)
                {
                    nodes.Add((id, node.Path, node));
                }
            }

            var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => (x.n.BudgetId, x.n.Path), x => x.i);
            foreach (var (key, i) in index)
            {
                var chain = new List<int> { i };
                var path = key.Path;
                for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/'))
                {
                    path = path[..slash];
                    if (index.TryGetValue((key.BudgetId, path), out var parent))
                    {
                        chain.Add(parent);
                    }
                }

                pathNodes[key] = [.. chain];
            }

            rootNodes = [.. ledgers.Select(l => index[(l.BudgetId, l.Tree.Root.Path)])];
            flows = new long[nodes.Count, days.Count, 5];
            exhaustedAt = new string?[nodes.Count];
            dayExhaustedAt = new string?[nodes.Count, days.Count];
            remainingAtDayEnd = new long[nodes.Count, days.Count];
            dayClaims = new long[days.Count];
            dayGranted = new long[days.Count];
            dayDenials = [.. days.Select(_ => new SortedDictionary<string, long>(StringComparer.Ordinal))];
            participants = new Participant[traffic.Participants];
            participantGrants = new long[traffic.Participants];
            participantClaimed = new bool[traffic.Participants];
            for (var p = 0; p < participants.Length; p++)
            {
                var blocked = NextDouble() < traffic.BlockedShare;
                participants[p] = new Participant("p" + p.ToString("D7", CultureInfo.InvariantCulture))
                {
                    Region = Pick(traffic.Regions),
                    Segments = blocked ? ["blocked"] : [],
                };
            }
        }

        public async Task ExecuteAsync(IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
        {
            var window = options.Window;
            for (var at = window.Start + options.SnapshotInterval; at < window.End; at += options.SnapshotInterval)
            {
                Schedule(at, new Pending(EventKind.Check, null, null, -1));
            }

            for (var d = 0; d < days.Count; d++)
            {
                Schedule(days[d].Interval.End, new Pending(EventKind.Check, null, null, d));
            }

            var hours = (int)Math.Ceiling((window.End - window.Start).TotalHours);
            var weights = new long[hours];
            for (var h = 0; h < hours; h++)
            {
                var at = window.Start + Duration.FromHours(h);
                var local = at.InZone(window.Zone);
                weights[h] = (long)DayWeight(DayOf(at)) * traffic.HourWeights[local.Hour];
            }

            var counts = Apportion(traffic.Claims, weights);
            var offsets = new List<long>();
            for (var h = 0; h < hours; h++)
            {
                var hourStart = window.Start + Duration.FromHours(h);
                var hourLength = Math.Min(Duration.FromHours(1).BclCompatibleTicks, (window.End - hourStart).BclCompatibleTicks);
                offsets.Clear();
                for (var c = 0; c < counts[h]; c++)
                {
                    offsets.Add(random.NextInt64(0, hourLength));
                }

                offsets.Sort();
                foreach (var offset in offsets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var at = hourStart + Duration.FromTicks(offset);
                    await AdvanceToAsync(at, cancellationToken).ConfigureAwait(false);
                    await ClaimAsync(at, cancellationToken).ConfigureAwait(false);
                    if (claims % options.ProgressEvery == 0)
                    {
                        progress?.Report(new SimulationProgress(claims, traffic.Claims, Text(at)));
                    }
                }
            }

            await AdvanceToAsync(window.End, cancellationToken).ConfigureAwait(false);
            clock.Now = window.End;

            // Holds whose commit or release would come after the window and that have expired by its end are expired now:
            // the ledger has given their money back, which the books count as released.
            await engine.ExpireDueAsync(window.End, cancellationToken).ConfigureAwait(false);
            while (queue.TryDequeue(out var left, out _))
            {
                if (left.Kind is EventKind.Commit or EventKind.Release && left.Grant!.ExpiresAt <= window.End)
                {
                    Add(left.Nodes!, left.Day, Released, left.Grant.Amount.MinorUnits);
                }
            }

            await CheckAsync(window.End, -1, cancellationToken).ConfigureAwait(false);
            progress?.Report(new SimulationProgress(claims, traffic.Claims, Text(window.End)));
        }

        private async Task ClaimAsync(Instant at, CancellationToken cancellationToken)
        {
            var p = (int)Math.Min(traffic.Participants - 1, Math.Floor(traffic.Participants * Math.Pow(NextDouble(), traffic.RepeatSkew)));
            var band = PickBand();
            var minor = currency.MinorUnitDigits;
            var scale = (long)Math.Pow(10, minor);
            var low = (long)(band.Minimum * scale);
            var high = (long)(band.Maximum * scale);
            var claim = new Claim(participants[p], at, Pick(traffic.Channels)!)
            {
                Category = traffic.Categories.Count == 0 ? null : Pick(traffic.Categories),
                OrderAmount = Money.FromMinorUnits(high > low ? random.NextInt64(low, high + 1) : low, currency),
            };
            claims++;
            participantClaimed[p] = true;
            var day = DayOf(at);
            dayClaims[day]++;
            var result = await engine.ClaimAsync(claim, "c" + claims.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (!result.IsGranted)
            {
                foreach (var denial in result.Denials)
                {
                    Count(denials, denial.Code);
                    Count(dayDenials[day], denial.Code);
                    var budgetDenial = denial.BudgetDenial;
                    if (budgetDenial?.NodePath is { } nodePath && denial.CampaignId is not null &&
                        engine.TryGetCampaign(denial.CampaignId, out var campaign) &&
                        pathNodes.TryGetValue((campaign.BudgetId, nodePath), out var chain))
                    {
                        if (denial.Code == ClaimDenialCodes.BudgetExhausted)
                        {
                            exhaustedAt[chain[0]] ??= Text(at);
                        }
                        else if (denial.Code == ClaimDenialCodes.DayExhausted)
                        {
                            dayExhaustedAt[chain[0], day] ??= Text(at);
                        }
                    }
                }

                return;
            }

            grantedClaims++;
            dayGranted[day]++;
            foreach (var grant in result.Grants)
            {
                var chain = pathNodes[(grant.BudgetId, grant.NodePath)];
                var amount = grant.Amount.MinorUnits;
                Add(chain, day, Grants, 1);
                Add(chain, day, Granted, amount);
                participantGrants[p]++;
                envelopeCount++;
                envelopeTotal += amount;
                envelopeMin = Math.Min(envelopeMin, amount);
                envelopeMax = Math.Max(envelopeMax, amount);
                var cancel = NextDouble() < traffic.CancelShare;
                var delay = traffic.SettleDelay * (1 + (NextDouble() * 9));
                Schedule(at + delay, new Pending(cancel ? EventKind.Release : EventKind.Commit, grant, chain, day));
            }
        }

        private async Task AdvanceToAsync(Instant at, CancellationToken cancellationToken)
        {
            while (queue.TryPeek(out var next, out var when) && when.Item1 <= at)
            {
                queue.Dequeue();
                clock.Now = when.Item1;
                await ExecuteAsync(when.Item1, next, cancellationToken).ConfigureAwait(false);
            }

            clock.Now = at;
        }

        private async Task ExecuteAsync(Instant at, Pending pending, CancellationToken cancellationToken)
        {
            switch (pending.Kind)
            {
                case EventKind.Check:
                    await CheckAsync(at, pending.Day, cancellationToken).ConfigureAwait(false);
                    break;
                case EventKind.Commit:
                    var commit = await engine.CommitAsync(pending.Grant!, at, cancellationToken).ConfigureAwait(false);
                    if (!commit.Succeeded)
                    {
                        // An expired hold: the ledger gave the money back, which is a release for the books.
                        Add(pending.Nodes!, pending.Day, Released, pending.Grant!.Amount.MinorUnits);
                        break;
                    }

                    Add(pending.Nodes!, pending.Day, Committed, pending.Grant!.Amount.MinorUnits);
                    if (NextDouble() < traffic.RefundShare)
                    {
                        Schedule(at + (traffic.RefundDelay * (1 + (NextDouble() * 47))), pending with { Kind = EventKind.Refund });
                    }

                    break;
                case EventKind.Release:
                    var release = await engine.ReleaseAsync(pending.Grant!, at, cancellationToken).ConfigureAwait(false);
                    Add(pending.Nodes!, pending.Day, Released, pending.Grant!.Amount.MinorUnits);
                    _ = release;
                    break;
                case EventKind.Refund:
                    var grant = pending.Grant!;
                    var refund = await engine.RefundAsync(grant.Reference, grant.Amount, "refund-" + grant.Reference, at, cancellationToken).ConfigureAwait(false);
                    if (refund.Succeeded)
                    {
                        Add(pending.Nodes!, pending.Day, Refunded, grant.Amount.MinorUnits);
                    }

                    break;
            }
        }

        private async Task CheckAsync(Instant at, int dayEnded, CancellationToken cancellationToken)
        {
            foreach (var (budgetId, ledger, _) in ledgers)
            {
                var snapshot = await ledger.GetSnapshotAsync(at, cancellationToken).ConfigureAwait(false);
                foreach (var node in snapshot.Nodes)
                {
                    checks++;
                    Verify(budgetId, node.Path, null, at, node.Limit, node.Released, node.Reserved, node.Committed, node.Available);
                    foreach (var d in node.Days)
                    {
                        checks++;
                        Verify(budgetId, node.Path, d.Day.Date, at, d.Limit, d.Released, d.Reserved, d.Committed, d.Available);
                    }

                    if (dayEnded >= 0)
                    {
                        remainingAtDayEnd[pathNodes[(budgetId, node.Path)][0], dayEnded] = node.Available.MinorUnits;
                    }
                }
            }
        }

        private void Verify(string budgetId, string path, LocalDate? date, Instant at, Money limit, Money released, Money reserved, Money committed, Money available)
        {
            var where = date is null ? $"{budgetId}:{path}" : $"{budgetId}:{path} day {date.Value:yyyy-MM-dd}";
            var used = reserved.MinorUnits + committed.MinorUnits;
            if (used > limit.MinorUnits)
            {
                violations.Add($"{Text(at)} {where}: reserved + committed {used} > limit {limit.MinorUnits}");
            }

            if (limit.MinorUnits != available.MinorUnits + used)
            {
                violations.Add($"{Text(at)} {where}: limit {limit.MinorUnits} != available {available.MinorUnits} + reserved + committed {used}");
            }

            if (used > released.MinorUnits || reserved.IsNegative || committed.IsNegative)
            {
                violations.Add($"{Text(at)} {where}: reserved + committed {used} > released {released.MinorUnits} (or a negative figure)");
            }
        }

        public SimulationReport Report()
        {
            var dayReports = new List<SimulationDayReport>(days.Count);
            for (var d = 0; d < days.Count; d++)
            {
                dayReports.Add(new SimulationDayReport(
                    Date(d), dayClaims[d], dayGranted[d], Sum(rootNodes, d, d + 1), new SortedDictionary<string, long>(dayDenials[d], StringComparer.Ordinal)));
            }

            var finalSnapshots = ledgers.ToDictionary(
                l => l.BudgetId, l => l.Ledger.GetSnapshotAsync(clock.Now).AsTask().GetAwaiter().GetResult(), StringComparer.Ordinal);
            var nodeReports = new List<SimulationNodeReport>(nodes.Count);
            for (var n = 0; n < nodes.Count; n++)
            {
                var (budgetId, path, _) = nodes[n];
                var snap = finalSnapshots[budgetId][path];
                var dayList = new List<SimulationNodeDay>(days.Count);
                for (var d = 0; d < days.Count; d++)
                {
                    BudgetDaySnapshot? paced = snap.Days.Count > d ? snap.Days[d] : null;
                    dayList.Add(new SimulationNodeDay(
                        Date(d), Sum([n], d, d + 1), paced?.Limit, paced?.Available, Money.FromMinorUnits(remainingAtDayEnd[n, d], currency), dayExhaustedAt[n, d]));
                }

                nodeReports.Add(new SimulationNodeReport(
                    budgetId, path, snap.Limit, snap.Reserved, snap.Committed, snap.Available, Sum([n], 0, days.Count), exhaustedAt[n], dayList));
            }

            var perParticipant = new List<long>();
            for (var p = 0; p < participantClaimed.Length; p++)
            {
                if (participantClaimed[p])
                {
                    perParticipant.Add(participantGrants[p]);
                }
            }

            var envelopes = envelopeCount == 0
                ? new AmountSummary(0, M(0), M(0), M(0), M(0))
                : new AmountSummary(envelopeCount, M(envelopeTotal), M(envelopeTotal / envelopeCount), M(envelopeMin), M(envelopeMax));
            return new SimulationReport(
                options.Seed,
                currency.Code,
                Text(options.Window.Start),
                Text(options.Window.End),
                claims,
                grantedClaims,
                Sum(rootNodes, 0, days.Count),
                new SortedDictionary<string, long>(denials, StringComparer.Ordinal),
                CountSummary.Of([.. perParticipant]),
                envelopes,
                dayReports,
                nodeReports,
                checks,
                [.. violations]);
        }

        private FlowFigures Sum(int[] which, int fromDay, int toDay)
        {
            var m = new long[5];
            foreach (var n in which)
            {
                for (var d = fromDay; d < toDay; d++)
                {
                    for (var k = 0; k < 5; k++)
                    {
                        m[k] += flows[n, d, k];
                    }
                }
            }

            return new FlowFigures(m[Grants], M(m[Granted]), M(m[Committed]), M(m[Released]), M(m[Refunded]), M(m[Granted] - m[Committed] - m[Released]));
        }

        private Money M(long minor) => Money.FromMinorUnits(minor, currency);

        private string Date(int day) => days[day].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private void Add(int[] chain, int day, int metric, long value)
        {
            foreach (var n in chain)
            {
                flows[n, day, metric] += value;
            }
        }

        private void Schedule(Instant at, Pending pending) => queue.Enqueue(pending, (at, sequence++));

        private int DayOf(Instant at)
        {
            var date = at.InZone(options.Window.Zone).Date;
            return Math.Clamp(Period.Between(days[0].Date, date, PeriodUnits.Days).Days, 0, days.Count - 1);
        }

        private int DayWeight(int day) => traffic.DayWeights is null ? 1 : traffic.DayWeights[day];

        private double NextDouble() => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

        private string? Pick(IReadOnlyList<WeightedValue> values)
        {
            var total = values.Sum(v => (long)v.Weight);
            var x = random.NextInt64(0, total);
            foreach (var v in values)
            {
                if (x < v.Weight)
                {
                    return v.Value;
                }

                x -= v.Weight;
            }

            return values[^1].Value;
        }

        private OrderSizeBand PickBand()
        {
            var bands = traffic.OrderSizes;
            var total = bands.Sum(v => (long)v.Weight);
            var x = random.NextInt64(0, total);
            foreach (var b in bands)
            {
                if (x < b.Weight)
                {
                    return b;
                }

                x -= b.Weight;
            }

            return bands[^1];
        }

        private static void Count(SortedDictionary<string, long> counts, string code) =>
            counts[code] = counts.TryGetValue(code, out var c) ? c + 1 : 1;

        private static long[] Apportion(int total, long[] weights)
        {
            var sum = weights.Sum();
            var result = new long[weights.Length];
            if (sum == 0)
            {
                return result;
            }

            var given = 0L;
            var remainders = new (long Remainder, int Index)[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = (Int128)total * weights[i];
                result[i] = (long)(exact / sum);
                remainders[i] = ((long)(exact % sum), i);
                given += result[i];
            }

            foreach (var (_, i) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
            {
                result[i]++;
            }

            return result;
        }
    }
}
