using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// Model-based tests: random trees (pacing plans, caps) and random command sequences (reserve, commit in full or
/// in part, release, expiry by advancing time, refund, duplicate-key retries), run on the ledger and on
/// <see cref="LedgerModel"/>; after every step the outcomes, every node and day figure, and the invariants must agree.
/// </summary>
public abstract class BudgetLedgerModelTests
{
    private static readonly string[] Participants = ["ann", "bo", "cy"];

    /// <summary>Creates an empty ledger for <paramref name="tree"/>; a durable store derives and returns its own.</summary>
    protected abstract IBudgetLedger CreateLedger(BudgetTree tree);

    [Property(MaxTest = 150)]
    public Property Every_step_matches_the_model_and_keeps_every_invariant() =>
        Prop.ForAll(Arb.From(ScenarioGen(), Shrink), Run);

    [Property(MaxTest = 100)]
    public Property Retrying_any_reservation_with_its_key_never_reserves_twice() =>
        Prop.ForAll(Arb.From(ScenarioGen(), Shrink), scenario =>
        {
            var ledger = CreateLedger(scenario.Tree);
            var now = Day(1);
            var ids = new HashSet<ReservationId>();
            foreach (var command in scenario.Commands.OfType<ReserveCommand>())
            {
                now += Duration.FromMinutes(command.AfterMinutes);
                var request = command.ToRequest(now);
                var first = ledger.ReserveAsync(request).RunSync();
                var retry = ledger.ReserveAsync(request with { Instant = now + Duration.FromSeconds(1), ExpiresAt = request.ExpiresAt + Duration.FromSeconds(1) }).RunSync();
                Assert.Equal(first.ReservationId, retry.ReservationId);
                Assert.Equal(first.Denial?.Code, retry.Denial?.Code);
                if (first.IsReserved)
                {
                    ids.Add(first.ReservationId);
                }
            }

            var held = ledger.GetSnapshotAsync(now).RunSync()[scenario.Tree.Root.Path].Reserved.MinorUnits;
            var issued = ids.Select(id => ledger.GetReservationAsync(id).RunSync() ?? default)
                .Where(i => i.State == ReservationState.Held).Sum(i => i.Reserved.MinorUnits);
            Assert.Equal(issued, held);
        });

    private void Run(Scenario scenario)
    {
        var tree = scenario.Tree;
        var ledger = CreateLedger(tree);
        var model = new LedgerModel(tree);
        var now = Day(1, 9);
        var issued = new List<ReservationId>();
        var sent = new List<ReserveRequest>();
        var trace = new List<string>();
        for (var step = 0; step < scenario.Commands.Length; step++)
        {
            var command = scenario.Commands[step];
            now += Duration.FromMinutes(command.AfterMinutes);
            string outcome;
            switch (command)
            {
                case ReserveCommand reserve:
                    {
                        var request = reserve.ToRequest(now);
                        sent.Add(request);
                        outcome = CompareReserve(ledger.ReserveAsync(request).RunSync(), model.Reserve(request), issued);
                        break;
                    }

                case RetryCommand retry when sent.Count > 0:
                    {
                        var request = sent[retry.Which % sent.Count] with { Instant = now };
                        request = request with { ExpiresAt = now + Duration.FromMinutes(30) };
                        outcome = CompareReserve(ledger.ReserveAsync(request).RunSync(), model.Reserve(request), issued);
                        break;
                    }

                case CommitCommand commit:
                    {
                        var id = Pick(issued, commit.Which);
                        var amount = Math.Max(1, model.Reservations.FirstOrDefault(r => r.Id == id.Value)?.Amount * commit.Percent / 100 ?? 1);
                        outcome = Compare(ledger.CommitAsync(id, Money.FromMinorUnits(amount, Currency.CNY), now).RunSync(), model.Commit(id.Value, amount, now));
                        break;
                    }

                case ReleaseCommand release:
                    {
                        var id = Pick(issued, release.Which);
                        outcome = Compare(ledger.ReleaseAsync(id, now).RunSync(), model.Release(id.Value, now));
                        break;
                    }

                case RefundCommand refund:
                    {
                        var id = Pick(issued, refund.Which);
                        var committed = model.Reservations.FirstOrDefault(r => r.Id == id.Value)?.Committed ?? 0;
                        var amount = Math.Max(1, committed * refund.Percent / 100);
                        var key = "refund-" + refund.Key;
                        outcome = Compare(
                            ledger.RefundAsync(new RefundRequest(key, id, Money.FromMinorUnits(amount, Currency.CNY), now)).RunSync(),
                            model.Refund(key, id.Value, amount, now));
                        break;
                    }

                default:
                    outcome = $"expired {ledger.ExpireDueAsync(now).RunSync()} (model {model.ExpireDue(now)})";
                    break;
            }

            var snapshot = ledger.GetSnapshotAsync(now).RunSync();
            var problems = LedgerInvariants.Violations(tree, snapshot);
            foreach (var node in tree.Nodes)
            {
                var (r, c) = model.Used(node);
                var actual = snapshot[node.Path];
                if (actual.Reserved.MinorUnits != r || actual.Committed.MinorUnits != c)
                {
                    problems.Add($"{node.Path}: ledger {actual.Reserved}/{actual.Committed} reserved/committed, model {r}/{c}");
                }

                for (var d = 0; d < actual.Days.Count; d++)
                {
                    var (dr, dc) = model.Used(node, d);
                    if (actual.Days[d].Reserved.MinorUnits != dr || actual.Days[d].Committed.MinorUnits != dc)
                    {
                        problems.Add($"{node.Path} day {d + 1}: ledger {actual.Days[d].Reserved}/{actual.Days[d].Committed}, model {dr}/{dc}");
                    }
                }
            }

            foreach (var participant in Participants)
            {
                foreach (var usage in ledger.GetParticipantUsageAsync(participant).RunSync().Where(u => u.Used > u.Limit || u.Used < 0))
                {
                    problems.Add($"{participant} exceeds or underflows {usage}");
                }
            }

            trace.Add($"  {step + 1}. {command} -> {outcome}");
            if (outcome.Contains("MISMATCH", StringComparison.Ordinal) || problems.Count > 0)
            {
                Assert.Fail($"Step {step + 1} failed:\n{string.Join("\n", trace)}\n{string.Join("\n", problems)}");
            }
        }
    }

    private static ReservationId Pick(List<ReservationId> issued, int which) =>
        issued.Count == 0 || which == 12 ? new ReservationId(999_999) : issued[issued.Count - 1 - (which % issued.Count)];

    private static string CompareReserve(ReserveResult actual, (bool Reserved, long Id, BudgetDenialCode? Code, bool Replay) expected, List<ReservationId> issued)
    {
        if (actual.IsReserved && !actual.IsReplay)
        {
            issued.Add(actual.ReservationId);
        }

        var same = actual.IsReserved == expected.Reserved && actual.Denial?.Code == expected.Code && actual.IsReplay == expected.Replay &&
            (!expected.Reserved || actual.ReservationId.Value == expected.Id);
        return same ? actual.ToString() : $"MISMATCH ledger {actual}, model {expected}";
    }

    private static string Compare(LedgerResult actual, (bool Done, BudgetDenialCode? Code, bool Replay) expected) =>
        actual.Succeeded == expected.Done && actual.Denial?.Code == expected.Code && actual.IsReplay == expected.Replay
            ? actual.ToString()
            : $"MISMATCH ledger {actual}, model {expected}";

    // ---- generators --------------------------------------------------------------------------------------------

    private static Gen<Scenario> ScenarioGen() =>
        from tree in TreeGen()
        from commands in Gen.ListOf(CommandGen(tree.Nodes.Select(n => n.Path).ToArray())).Select(l => l.ToArray())
        select new Scenario(tree, commands);

    private static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        var commands = scenario.Commands;
        if (commands.Length > 1)
        {
            yield return scenario with { Commands = commands[..(commands.Length / 2)] };
            yield return scenario with { Commands = commands[(commands.Length / 2)..] };
        }

        for (var i = 0; i < commands.Length; i++)
        {
            yield return scenario with { Commands = [.. commands[..i], .. commands[(i + 1)..]] };
        }
    }

    private static Gen<BudgetTree> TreeGen() =>
        from shape in Gen.Choose(1, 3).SelectMany(children => Gen.ArrayOf(Gen.Choose(0, 2), children))
        from specs in Gen.ArrayOf(NodeSpecGen(), 1 + shape.Length + shape.Sum())
        select BuildTree(shape, specs);

    private static Gen<(long Limit, PacingPlan? Pacing, ParticipantCaps? Caps)> NodeSpecGen() =>
        from limit in Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(100, 3000)))
        from pacing in Gen.Frequency((1, Gen.Constant<PacingPlan?>(null)), (1, PacingGen()))
        from caps in Gen.Frequency((1, Gen.Constant<ParticipantCaps?>(null)), (1, CapsGen()))
        select ((long)limit, pacing, caps);

    private static Gen<PacingPlan?> PacingGen() =>
        from weights in Gen.Frequency((1, Gen.Constant<long[]?>(null)), (1, Gen.ArrayOf(Gen.Choose(0, 3).Select(w => (long)w), 3).Where(w => w.Sum() > 0).Select(w => (long[]?)w)))
        from rollOver in Gen.Elements(true, false)
        from withinDay in Gen.Elements(IntraDayRelease.AllAtStart, IntraDayRelease.Linear, IntraDayRelease.Steps(1, 2, 1))
        select (PacingPlan?)(weights is null ? PacingPlan.Even(rollOver, withinDay) : PacingPlan.Weighted(weights, rollOver, withinDay));

    private static Gen<ParticipantCaps?> CapsGen() =>
        from amount in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 1500)))
        from grants in Gen.Choose(0, 3)
        from dayAmount in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 800)))
        from dayGrants in Gen.Choose(0, 2)
        select (ParticipantCaps?)new ParticipantCaps
        {
            MaxAmountPerCampaign = amount == 0 ? null : Money.FromMinorUnits(amount, Currency.CNY),
            MaxGrantsPerCampaign = grants == 0 ? null : grants,
            MaxAmountPerDay = dayAmount == 0 ? null : Money.FromMinorUnits(dayAmount, Currency.CNY),
            MaxGrantsPerDay = dayGrants == 0 ? null : dayGrants,
        };

    private static BudgetTree BuildTree(int[] shape, (long Limit, PacingPlan? Pacing, ParticipantCaps? Caps)[] specs)
    {
        var builder = new BudgetTreeBuilder(Currency.CNY, ThreeDays);
        var next = 0;
        void Add(string path)
        {
            var (limit, pacing, caps) = specs[next++];
            builder.Add(path, Money.FromMinorUnits(limit, Currency.CNY), pacing, caps);
        }

        Add("r");
        for (var c = 0; c < shape.Length; c++)
        {
            Add($"r/c{c}");
            for (var g = 0; g < shape[c]; g++)
            {
                Add($"r/c{c}/g{g}");
            }
        }

        return builder.Build();
    }

    private static Gen<Command> CommandGen(string[] paths) => Gen.Frequency(
        (6, from key in Gen.Choose(0, 200)
            from node in Gen.Elements(paths)
            from participant in Gen.Choose(0, 2)
            from amount in Gen.Choose(1, 300)
            from hold in Gen.Choose(1, 1440)
            from after in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 120)))
            select (Command)new ReserveCommand($"k{key}", node, Participants[participant], amount, hold, after)),
        (3, from which in WhichGen()
            from percent in Gen.Frequency((3, Gen.Constant(100)), (2, Gen.Choose(1, 99)), (1, Gen.Choose(101, 150)))
            select (Command)new CommitCommand(which, percent, 0)),
        (2, WhichGen().Select(which => (Command)new ReleaseCommand(which, 0))),
        (2, from which in WhichGen()
            from percent in Gen.Frequency((2, Gen.Constant(100)), (2, Gen.Choose(1, 99)), (1, Gen.Choose(101, 130)))
            from key in Gen.Choose(0, 5)
            select (Command)new RefundCommand(which, percent, key, 0)),
        (2, WhichGen().Select(which => (Command)new RetryCommand(which, 0))),
        (1, Gen.Choose(1, 1500).Select(minutes => (Command)new AdvanceCommand(minutes))));

    private static Gen<int> WhichGen() => Gen.Frequency((4, Gen.Choose(0, 2)), (1, Gen.Choose(0, 12)));

    public sealed record Scenario(BudgetTree Tree, Command[] Commands)
    {
        public override string ToString() =>
            "Tree:\n" + string.Join("\n", Tree.Nodes.Select(n => $"  {n.Path} limit {n.Limit}" +
                (n.Pacing is null ? string.Empty : $", pacing {n.Pacing}") +
                (n.Caps is null ? string.Empty : $", caps {n.Caps}"))) +
            "\nCommands:\n" + string.Join("\n", Commands.Select((c, i) => $"  {i + 1}. {c}"));
    }

    public abstract record Command(int AfterMinutes)
    {
        protected static string Describe(int which) => which switch
        {
            12 => "an unknown reservation",
            0 => "the latest reservation",
            _ => $"the reservation {which} before the latest (modulo the number issued)",
        };
    }

    public sealed record ReserveCommand(string Key, string Node, string Participant, int Amount, int HoldMinutes, int AfterMinutes) : Command(AfterMinutes)
    {
        public ReserveRequest ToRequest(Instant now) => new(
            Key, Node, Participant, Money.FromMinorUnits(Amount, Currency.CNY), now, now + Duration.FromMinutes(HoldMinutes));

        public override string ToString() => $"+{AfterMinutes}min Reserve key {Key} on {Node} for {Participant} {Amount} fen, hold {HoldMinutes}min";
    }

    public sealed record CommitCommand(int Which, int Percent, int AfterMinutes) : Command(AfterMinutes)
    {
        public override string ToString() => $"Commit {Describe(Which)} at {Percent}%";
    }

    public sealed record ReleaseCommand(int Which, int AfterMinutes) : Command(AfterMinutes)
    {
        public override string ToString() => $"Release {Describe(Which)}";
    }

    public sealed record RefundCommand(int Which, int Percent, int Key, int AfterMinutes) : Command(AfterMinutes)
    {
        public override string ToString() => $"Refund {Percent}% of the commit of {Describe(Which)} with key refund-{Key}";
    }

    public sealed record RetryCommand(int Which, int AfterMinutes) : Command(AfterMinutes)
    {
        public override string ToString() => $"Retry reserve request #{Which} (modulo the number sent) with the same key";
    }

    public sealed record AdvanceCommand(int Minutes) : Command(Minutes)
    {
        public override string ToString() => $"+{Minutes}min ExpireDue";
    }
}
