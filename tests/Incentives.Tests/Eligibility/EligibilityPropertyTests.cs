using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;
using Interval = NodaTime.Interval;
using static Incentives.Eligibility.EligibilityRule;

namespace Incentives.Tests.Eligibility;

/// <summary>The laws of the rule algebra and the guarantees of compilation, JSON and explanations, on random rules and claims.</summary>
public sealed class EligibilityPropertyTests
{
    private static bool Eval(EligibilityRule rule, Claim claim) => rule.Compile().IsEligible(claim);

    [Property(MaxTest = 300)]
    public Property Not_not_is_identity_in_outcome_and_in_failure_codes() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
            Eval(Not(Not(x.Rule)), x.Claim) == Eval(x.Rule, x.Claim) &&
            Codes(Not(Not(x.Rule)).Compile().Explain(x.Claim).Failures) == Codes(x.Rule.Compile().Explain(x.Claim).Failures));

    [Property(MaxTest = 300)]
    public Property A_not_holds_only_when_its_rule_certainly_fails_so_a_rule_and_its_not_never_both_hold() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
            !(Eval(x.Rule, x.Claim) && Eval(Not(x.Rule), x.Claim)) &&
            (Eval(x.Rule, x.Claim) || Eval(Not(x.Rule), x.Claim) || ReferenceInterpreter.Truth(x.Rule, x.Claim) is null));

    /// <summary>The failure codes, causes in brackets, e.g. <c>any-of.none-matched[segment.missing,region.not-allowed]</c>.</summary>
    private static string Codes(IEnumerable<EligibilityFailure> failures) =>
        string.Join(",", failures.Select(f => f.Code + (f.Causes.Count == 0 ? string.Empty : "[" + Codes(f.Causes) + "]")));

    [Property(MaxTest = 200)]
    public Property All_of_and_any_of_are_commutative_in_outcome() =>
        Prop.ForAll(RuleGenerators.ThreeRulesAndClaim, x =>
            Eval(AllOf(x.A, x.B), x.Claim) == Eval(AllOf(x.B, x.A), x.Claim) &&
            Eval(AnyOf(x.A, x.B), x.Claim) == Eval(AnyOf(x.B, x.A), x.Claim));

    [Property(MaxTest = 200)]
    public Property All_of_and_any_of_are_associative_in_outcome() =>
        Prop.ForAll(RuleGenerators.ThreeRulesAndClaim, x =>
            Eval(AllOf(AllOf(x.A, x.B), x.C), x.Claim) == Eval(AllOf(x.A, AllOf(x.B, x.C)), x.Claim) &&
            Eval(AllOf(AllOf(x.A, x.B), x.C), x.Claim) == Eval(AllOf(x.A, x.B, x.C), x.Claim) &&
            Eval(AnyOf(AnyOf(x.A, x.B), x.C), x.Claim) == Eval(AnyOf(x.A, AnyOf(x.B, x.C)), x.Claim) &&
            Eval(AnyOf(AnyOf(x.A, x.B), x.C), x.Claim) == Eval(AnyOf(x.A, x.B, x.C), x.Claim));

    [Property(MaxTest = 200)]
    public Property De_Morgan_laws_hold() =>
        Prop.ForAll(RuleGenerators.ThreeRulesAndClaim, x =>
            Eval(Not(AllOf(x.A, x.B)), x.Claim) == Eval(AnyOf(Not(x.A), Not(x.B)), x.Claim) &&
            Eval(Not(AnyOf(x.A, x.B)), x.Claim) == Eval(AllOf(Not(x.A), Not(x.B)), x.Claim));

    [Property(MaxTest = 300)]
    public Property Compiled_evaluation_agrees_with_a_naive_interpreter_of_the_rule_tree() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x => Eval(x.Rule, x.Claim) == ReferenceInterpreter.Holds(x.Rule, x.Claim));

    [Property(MaxTest = 300)]
    public Property The_compiled_delegate_and_the_node_walk_agree() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
            new EligibilityEvaluator(x.Rule, compileDelegate: true).IsEligible(x.Claim) ==
            new EligibilityEvaluator(x.Rule, compileDelegate: false).IsEligible(x.Claim));

    [Property(MaxTest = 200)]
    public Property Lacks_segment_is_not_has_segment() =>
        Prop.ForAll(RuleGenerators.Claims, claim =>
            Eval(LacksSegment("blocked", "staff"), claim) == Eval(Not(HasSegment("blocked", "staff")), claim));

    [Property(MaxTest = 300)]
    public Property JSON_round_trip_gives_an_equal_rule_with_the_same_outcome() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
        {
            var json = EligibilityRuleJson.Serialize(x.Rule);
            var loaded = EligibilityRuleJson.Load(json, RuleGenerators.LoadOptions);
            return loaded.Equals(x.Rule) && loaded.GetHashCode() == x.Rule.GetHashCode() &&
                EligibilityRuleJson.Serialize(loaded) == json && Eval(loaded, x.Claim) == Eval(x.Rule, x.Claim);
        });

    [Property(MaxTest = 300)]
    public Property A_window_rule_holds_exactly_inside_its_schedule_read_for_the_participant_and_its_failure_says_which_side() =>
        Prop.ForAll(RuleGenerators.WindowAndClaim, x =>
        {
            var result = x.Rule.Compile().Explain(x.Claim);
            if (ReferenceInterpreter.Holds(x.Rule, x.Claim))
            {
                return result.IsEligible;
            }

            var (start, end) = ReferenceInterpreter.Bounds(((WindowRule)x.Rule).CampaignWindow, x.Claim.Participant.HomeZone);
            var expected = x.Claim.At < start ? EligibilityCodes.WindowNotStarted
                : x.Claim.At >= end ? EligibilityCodes.WindowEnded
                : EligibilityCodes.WindowOutsideSlots;
            return !result.IsEligible && result.Failures.Count == 1 && result.Failures[0].Code == expected;
        });

    [Property(MaxTest = 300)]
    public Property Fast_path_and_explaining_path_always_agree() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
        {
            var evaluator = x.Rule.Compile();
            var result = evaluator.Explain(x.Claim);
            return result.IsEligible == evaluator.IsEligible(x.Claim) &&
                (result.IsEligible ? ReferenceEquals(result, EligibilityResult.Eligible) : result.Failures.Count > 0);
        });

    [Property(MaxTest = 300)]
    public Property An_ineligible_explanation_names_only_conditions_that_are_false_and_located_at_their_path() =>
        Prop.ForAll(RuleGenerators.RuleAndClaim, x =>
            x.Rule.Compile().Explain(x.Claim).Failures.All(f => NamesAFalseCondition(f, x.Rule, x.Claim)));

    private static bool NamesAFalseCondition(EligibilityFailure failure, EligibilityRule root, Claim claim) =>
        !Eval(failure.Rule, claim) &&
        ReferenceEquals(ReferenceInterpreter.At(root, failure.Path), failure.Rule) &&
        failure.Causes.All(cause => NamesAFalseCondition(cause, root, claim));

    /// <summary>
    /// An independent, unoptimized reading of the rules' documented meaning, from their public properties: three-valued
    /// (Kleene) logic where <see langword="null"/> is "unknown" (a new-participant or account-age rule without the data).
    /// </summary>
    private static class ReferenceInterpreter
    {
        public static bool Holds(EligibilityRule rule, Claim claim) => Truth(rule, claim) == true;

        public static bool? Truth(EligibilityRule rule, Claim claim)
        {
            var participant = claim.Participant;
            return rule switch
            {
                AllOfRule all => all.Rules.Select(r => Truth(r, claim)).ToList() is var t && t.Contains(false) ? false : t.Contains(null) ? null : true,
                AnyOfRule any => any.Rules.Select(r => Truth(r, claim)).ToList() is var t && t.Contains(true) ? true : t.Contains(null) ? null : false,
                NotRule not => !Truth(not.Rule, claim),
                WindowRule window => OpenIntervals(window.Schedule, participant.HomeZone).Any(i => i.Contains(claim.At)),
                ChannelRule channel => channel.Channels.Contains(claim.Channel),
                CategoryRule category => claim.Category is not null && category.Categories.Contains(claim.Category),
                RegionRule region => participant.Region is not null && region.Regions.Contains(participant.Region),
                HasSegmentRule has => has.Segments.Any(participant.Segments.Contains),
                LacksSegmentRule lacks => !lacks.Segments.Any(participant.Segments.Contains),
                MinOrderAmountRule min => claim.OrderAmount is { } amount &&
                    (amount.Currency == min.Minimum.Currency
                        ? amount >= min.Minimum
                        : min.Conversion is not null && min.Conversion(amount, min.Minimum.Currency, out var converted) && converted >= min.Minimum),
                NewParticipantRule fresh => participant.IsNew ?? (fresh.Within is null || participant.SignedUpAt is not { } s
                    ? null
                    : claim.At.InZone(participant.HomeZone ?? fresh.Zone).LocalDateTime < s.InZone(participant.HomeZone ?? fresh.Zone).LocalDateTime + fresh.Within),
                AccountAgeRule age => participant.SignedUpAt is not { } signedUp
                    ? null
                    : signedUp.InZone(participant.HomeZone ?? age.Zone).LocalDateTime + age.Minimum <= claim.At.InZone(participant.HomeZone ?? age.Zone).LocalDateTime,
                AttributeRule attribute => Attribute(attribute, claim),
                CustomRule custom => custom.Predicate(claim),
                _ => throw new System.InvalidOperationException(rule.Type),
            };
        }

        /// <summary>
        /// The open instants of a schedule, from its documented meaning: local start and end (and each slot occurrence that applies,
        /// clipped to the window) resolved in the participant's zone when the window is participant-local and the participant has one,
        /// otherwise in the campaign's zone.
        /// </summary>
        private static IEnumerable<Interval> OpenIntervals(ICampaignSchedule schedule, DateTimeZone? homeZone)
        {
            var window = schedule.Window;
            var participant = window.TimeReference == WindowTimeReference.Participant && homeZone is not null;
            var zone = participant ? homeZone! : window.Zone;
            var (start, end) = Bounds(window, homeZone);
            if (schedule is not SlotSchedule slots)
            {
                return [new Interval(start, end)];
            }

            var policy = participant ? window.ParticipantPolicy : slots.Policy;
            var result = new List<Interval>();
            for (var date = window.LocalStart.Date.PlusDays(-1); date <= window.LocalEnd.Date; date = date.PlusDays(1))
            {
                foreach (var slot in slots.Slots.Where(s => s.AppliesOn(date)))
                {
                    var (localStart, localEnd) = slot.OccurrenceOn(date);
                    var s = Instant.Max(policy.Resolve(localStart, zone).ToInstant(), start);
                    var e = Instant.Min(policy.Resolve(localEnd, zone).ToInstant(), end);
                    if (s < e)
                    {
                        result.Add(new Interval(s, e));
                    }
                }
            }

            return result;
        }

        /// <summary>The window's first and end instants for the participant: its local ends in their zone when participant-local and known.</summary>
        public static (Instant Start, Instant End) Bounds(CampaignWindow window, DateTimeZone? homeZone) =>
            window.TimeReference == WindowTimeReference.Participant && homeZone is not null
                ? (window.ParticipantPolicy.Resolve(window.LocalStart, homeZone).ToInstant(), window.ParticipantPolicy.Resolve(window.LocalEnd, homeZone).ToInstant())
                : (window.Start, window.End);

        /// <summary>Follows a failure path such as <c>rules[2].rule</c> from the root.</summary>
        public static EligibilityRule At(EligibilityRule root, string path)
        {
            var rule = root;
            foreach (var step in path.Split('.', System.StringSplitOptions.RemoveEmptyEntries))
            {
                rule = step == "rule"
                    ? ((NotRule)rule).Rule
                    : Children(rule)[int.Parse(step["rules[".Length..^1], System.Globalization.CultureInfo.InvariantCulture)];
            }

            return rule;
        }

        private static IReadOnlyList<EligibilityRule> Children(EligibilityRule rule) =>
            rule is AllOfRule all ? all.Rules : ((AnyOfRule)rule).Rules;

        private static bool Attribute(AttributeRule rule, Claim claim)
        {
            var present = claim.Attributes.TryGetValue(rule.Key, out var value);
            return rule.Operator switch
            {
                AttributeOperator.Exists => present,
                AttributeOperator.Equal => present && value == rule.Value,
                AttributeOperator.NotEqual => !(present && value == rule.Value),
                AttributeOperator.In => present && rule.Values!.Contains(value!),
                _ => present && decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) &&
                    rule.Operator switch
                    {
                        AttributeOperator.GreaterThan => n > rule.Number,
                        AttributeOperator.GreaterThanOrEqual => n >= rule.Number,
                        AttributeOperator.LessThan => n < rule.Number,
                        _ => n <= rule.Number,
                    },
            };
        }
    }
}
