using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Tests.Budgets;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

/// <summary>
/// Random programmes (trees, caps, pacing, campaigns with rules, rewards, priorities and stacking) driven by random streams of
/// claims, commits, releases and refunds; after every step the budget invariants hold, every grant was due, every denial is true.
/// </summary>
public sealed class CampaignEnginePropertyTests
{
    private static readonly string[] Channels = ["app", "web", "kiosk"];
    private static readonly string[] Categories = ["food", "fun"];

    public sealed record CampaignSpec(int Amount, bool Percentage, int Priority, StackingMode Stacking, int RuleKind);

    public sealed record Op(int Kind, int Participant, int Channel, int Category, int Minutes, int Target, int Order);

    public sealed record Scenario(
        int RootLimit, int AppLimit, int WebLimit, int? CapAmount, int? CapGrants, bool Paced, bool RollOver, IReadOnlyList<CampaignSpec> Campaigns, IReadOnlyList<Op> Ops,
        bool EngineMakesLedger)
    {
        public override string ToString() =>
            $"root {RootLimit} app {AppLimit} web {WebLimit} cap {CapAmount}/{CapGrants} paced {Paced}/{RollOver}; campaigns {string.Join(", ", Campaigns)}; {Ops.Count} ops; engine makes the ledger {EngineMakesLedger}";
    }

    private static Arbitrary<Scenario> Scenarios()
    {
        var campaign =
            from amount in Gen.Choose(1, 25)
            from percentage in Gen.Elements(false, false, true)
            from priority in Gen.Choose(0, 3)
            from stacking in Gen.Elements(StackingMode.Exclusive, StackingMode.Stackable, StackingMode.BestForParticipant)
            from rule in Gen.Choose(0, 2)
            select new CampaignSpec(amount, percentage, priority, stacking, rule);
        var op =
            from kind in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
            from participant in Gen.Choose(0, 3)
            from channel in Gen.Choose(0, 2)
            from category in Gen.Choose(0, 1)
            from minutes in Gen.Choose(0, 240)
            from target in Gen.Choose(0, 1000)
            from order in Gen.Choose(0, 200)
            select new Op(kind, participant, channel, category, minutes, target, order);
        var scenario =
            from root in Gen.Choose(20, 150)
            from app in Gen.Choose(10, 100)
            from web in Gen.Choose(10, 100)
            from capAmount in Gen.Elements<int?>(null, 30, 60)
            from capGrants in Gen.Elements<int?>(null, 2, 4)
            from paced in Gen.Elements(false, true)
            from rollOver in Gen.Elements(false, true)
            from campaigns in Gen.Choose(1, 3).SelectMany(n => campaign.ListOf(n))
            from ops in Gen.Choose(10, 60).SelectMany(n => op.ListOf(n))
            from owned in Gen.Elements(false, true) // a ledger passed in records every key; one the engine makes leaves the claims' keys to it
            select new Scenario(root, app, web, capAmount, capGrants, paced, rollOver, campaigns.ToArray(), ops.ToArray(), owned);
        return scenario.ToArbitrary();
    }

    [Property(MaxTest = 150)]
    public Property Grants_never_exceed_a_budget_or_cap_are_always_due_and_every_denial_is_true() =>
        Prop.ForAll(Scenarios(), scenario => Run(scenario));

    private sealed class Record(CampaignGrant grant, Claim claim)
    {
        public CampaignGrant Grant { get; } = grant;

        public Claim Claim { get; } = claim;

        public ReservationState State { get; set; } = ReservationState.Held;

        public long Refunded { get; set; }
    }

    private static bool Run(Scenario s)
    {
        var caps = s.CapAmount is null && s.CapGrants is null ? null : new ParticipantCaps
        {
            MaxAmountPerCampaign = s.CapAmount is { } a ? Cny(a) : null,
            MaxGrantsPerCampaign = s.CapGrants,
        };
        var tree = new BudgetTreeBuilder(Currency.CNY, Festival)
            .Add("fest", Cny(s.RootLimit), s.Paced ? PacingPlan.Even(s.RollOver) : null, caps)
            .Add("fest/app", Cny(s.AppLimit))
            .Add("fest/web", Cny(s.WebLimit))
            .Build();
        var campaigns = s.Campaigns.Select((c, i) => Build(c, i)).ToArray();
        var clock = new FakeClock(Festival.Start - Duration.FromHours(1));
        using var engine = s.EngineMakesLedger
            ? new CampaignEngine(CampaignProgramme.Create(campaigns, new Dictionary<string, BudgetTree> { ["fest"] = tree }), clock)
            : new CampaignEngine(campaigns, new Dictionary<string, IBudgetLedger> { ["fest"] = new InMemoryBudgetLedger(tree) }, clock);
        var ledger = engine.Ledgers["fest"];
        var records = new List<Record>();
        var now = clock.GetCurrentInstant();
        var step = 0;
        foreach (var op in s.Ops)
        {
            now += Duration.FromMinutes(op.Minutes);
            clock.Reset(now);
            step++;
            switch (op.Kind)
            {
                case 0:
                    var claim = new Claim(new Participant("p" + op.Participant), now, Channels[op.Channel])
                    {
                        Category = Categories[op.Category],
                        OrderAmount = op.Order == 0 ? null : Cny(op.Order),
                    };
                    var before = ledger.GetSnapshotAsync(now).RunSync();
                    var result = engine.ClaimAsync(claim, "claim-" + step).AsTask().GetAwaiter().GetResult();
                    foreach (var grant in result.Grants)
                    {
                        var campaign = campaigns.Single(c => c.Id == grant.CampaignId);
                        if (!campaign.Schedule.Contains(now) || campaign.Evaluator?.IsEligible(claim) == false ||
                            grant.Amount != campaign.Reward.Evaluate(new RewardRequest(claim.OrderAmount, claim.Participant.Id)).Amount)
                        {
                            return false;
                        }

                        records.Add(new Record(grant, claim));
                    }

                    if (result.Denials.Any(d => !IsTrue(d, claim, result, campaigns, before, records, caps)))
                    {
                        return false;
                    }

                    break;
                case 1 or 2 or 3 when records.Count > 0:
                    var target = records[op.Target % records.Count];
                    var reference = target.Grant.Reference;
                    if (op.Kind == 1 && engine.CommitAsync(target.Grant).AsTask().GetAwaiter().GetResult().Succeeded)
                    {
                        target.State = ReservationState.Committed;
                    }
                    else if (op.Kind == 2 && engine.ReleaseAsync(reference).AsTask().GetAwaiter().GetResult().Succeeded)
                    {
                        target.State = ReservationState.Released;
                    }
                    else if (op.Kind == 3 && target.State == ReservationState.Committed)
                    {
                        var part = Money.FromMinorUnits(Math.Max(1, (target.Grant.Amount.MinorUnits - target.Refunded) / 2), Currency.CNY);
                        if (engine.RefundAsync(reference, part, "refund-" + step).AsTask().GetAwaiter().GetResult().Succeeded)
                        {
                            target.Refunded += part.MinorUnits;
                        }
                    }

                    break;
            }

            if (!WithinLimits(ledger.GetSnapshotAsync(now).RunSync(), tree, records, now, caps))
            {
                return false;
            }
        }

        return true;
    }

    private static Campaign Build(CampaignSpec spec, int index)
    {
        var builder = Campaign.Create("c" + index)
            .During(Festival)
            .Rewarding(spec.Percentage ? new PercentageRewardPolicy(Currency.CNY, spec.Amount) : new FixedRewardPolicy(Cny(spec.Amount)))
            .DrawingFrom("fest", BudgetRoute.Template("fest/{channel}"))
            .WithPriority(spec.Priority)
            .WithStacking(spec.Stacking)
            .HoldingFor(Duration.FromHours(2));
        return spec.RuleKind switch
        {
            0 => builder.Build(),
            1 => builder.When(EligibilityRule.Channel("app")).Build(),
            _ => builder.When(EligibilityRule.AllOf(EligibilityRule.Channel("app", "web"), EligibilityRule.Category("food"))).Build(),
        };
    }

    /// <summary>Budgets: the ledger's totals, and the engine's own grants (net of releases, expiries and refunds), fit every node and cap.</summary>
    private static bool WithinLimits(LedgerSnapshot snapshot, BudgetTree tree, List<Record> records, Instant now, ParticipantCaps? caps)
    {
        foreach (var node in tree.Nodes)
        {
            var n = snapshot[node.Path];
            var used = records.Where(r => Under(r.Grant.NodePath, node.Path)).Sum(r => NetAtLeast(r, now));
            if (n.Reserved + n.Committed > node.Limit || used > node.Limit.MinorUnits)
            {
                return false;
            }
        }

        foreach (var participant in records.GroupBy(r => r.Claim.Participant.Id))
        {
            var live = participant.Where(r => NetAtLeast(r, now) > 0).ToList();
            if ((caps?.MaxGrantsPerCampaign is { } grants && live.Count > grants) ||
                (caps?.MaxAmountPerCampaign is { } amount && live.Sum(r => NetAtLeast(r, now)) > amount.MinorUnits))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A denial's reason holds: the window, the rule, the route, the budget or the cap really refused, or another campaign was chosen.</summary>
    private static bool IsTrue(DenialReason d, Claim claim, ClaimResult result, Campaign[] campaigns, LedgerSnapshot before, List<Record> records, ParticipantCaps? caps)
    {
        var campaign = campaigns.Single(c => c.Id == d.CampaignId);
        var grantedNow = result.Grants.Where(g => d.NodePath is { } p && Under(g.NodePath, p)).Sum(g => g.Amount.MinorUnits);
        var amount = campaign.Reward.Evaluate(new RewardRequest(claim.OrderAmount, claim.Participant.Id)).Amount.MinorUnits;
        var mine = records.Where(r => r.Claim.Participant.Id == claim.Participant.Id && !result.Grants.Contains(r.Grant) && r.State != ReservationState.Released).ToList();
        return d.Code switch
        {
            ClaimDenialCodes.WindowNotStarted => claim.At < campaign.Schedule.Window.Start,
            ClaimDenialCodes.WindowEnded => claim.At >= campaign.Schedule.Window.End,
            ClaimDenialCodes.NotEligible => campaign.Evaluator!.IsEligible(claim) == false && d.EligibilityFailures.Count > 0,
            ClaimDenialCodes.NoBudgetNode => claim.Channel == "kiosk",
            ClaimDenialCodes.NoReward => !campaign.Reward.Evaluate(new RewardRequest(claim.OrderAmount, claim.Participant.Id)).IsRewarded,
            ClaimDenialCodes.NotSelected => result.IsGranted,
            ClaimDenialCodes.BudgetExhausted => before[d.NodePath!].Available.MinorUnits < amount + grantedNow,
            ClaimDenialCodes.DayExhausted => before[d.NodePath!].Days.Single(day => day.Day.Interval.Contains(claim.At)).Available.MinorUnits < amount + grantedNow,
            ClaimDenialCodes.CapCountReached => mine.Count + result.Grants.Count >= caps!.MaxGrantsPerCampaign,
            ClaimDenialCodes.CapAmountReached => mine.Sum(r => r.Grant.Amount.MinorUnits) + result.Grants.Sum(g => g.Amount.MinorUnits) + amount > caps!.MaxAmountPerCampaign!.Value.MinorUnits,
            _ => false,
        };
    }

    private static bool Under(string path, string node) => path == node || path.StartsWith(node + "/", StringComparison.Ordinal);

    /// <summary>The least a grant still holds: a live hold, or what was committed and not refunded.</summary>
    private static long NetAtLeast(Record r, Instant now) => r.State switch
    {
        ReservationState.Held when r.Grant.ExpiresAt > now => r.Grant.Amount.MinorUnits,
        ReservationState.Committed => r.Grant.Amount.MinorUnits - r.Refunded,
        _ => 0,
    };
}
