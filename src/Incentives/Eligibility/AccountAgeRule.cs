using System;
using System.Collections.Generic;
using System.Globalization;
using Incentives.Claims;
using Incentives.Eligibility.Json;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when the participant's account is at least a <see cref="Period"/> old at the claim's instant.
/// JSON: <c>{"type":"accountAge","atLeast":"P30D"}</c>, optionally with <c>"zone":"Asia/Shanghai"</c>.
/// </summary>
/// <remarks>
/// <para>
/// The age is counted in calendar terms: the rule holds when the sign-up's local date-time plus <see cref="Minimum"/>
/// is at or before the claim's local date-time, both in the participant's <see cref="Participant.HomeZone"/> or, when
/// that is unknown, in <see cref="Zone"/> (UTC by default). "P1M" from 31 January is 28 February (NodaTime's period
/// arithmetic truncates to the end of the month).
/// </para>
/// <para>
/// When the sign-up instant is unknown the account's age is UNKNOWN: the rule fails, and so does
/// <c>not(accountAge)</c> (three-valued, Kleene logic), both with <see cref="EligibilityCodes.SignUpUnknown"/>; so a
/// "new users only" campaign written as <c>not(accountAge(P30D))</c> never pays a participant without sign-up data.
/// The <see cref="Participant.IsNew"/> flag is not read.
/// </para>
/// <para>
/// Failure codes: <see cref="EligibilityCodes.SignUpUnknown"/> when the sign-up instant is unknown,
/// <see cref="EligibilityCodes.AccountTooYoung"/>.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AccountAgeRule : EligibilityRule
{
    /// <summary>Initializes an account-age rule.</summary>
    /// <param name="minimum">The minimum age.</param>
    /// <param name="zone">The zone in which to count calendar time when the participant has no home zone; UTC when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="minimum"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> has a negative component.</exception>
    public AccountAgeRule(Period minimum, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        if (DefinitionPatterns.HasNegativeComponent(minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum account age must not be negative.");
        }

        Minimum = minimum.Normalize();
        Zone = zone ?? DateTimeZone.Utc;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.AccountAge;

    /// <summary>Gets the minimum account age (normalized).</summary>
    public Period Minimum { get; }

    /// <summary>Gets the zone for counting calendar time when the participant has no home zone (UTC by default).</summary>
    public DateTimeZone Zone { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) =>
        other is AccountAgeRule same && Minimum.Equals(same.Minimum) && Zone.Id == same.Zone.Id;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.AccountAge, Minimum, Zone.Id);

    internal override RuleNode CreateNode(string path) => new Node(this, path);

    internal override RuleDefinition ToDefinition() => new()
    {
        Type = Type,
        AtLeast = DefinitionPatterns.FormatPeriod(Minimum),
        Zone = Zone.Id == "UTC" ? null : Zone.Id,
    };

    private sealed class Node(AccountAgeRule rule, string path) : RuleNode(rule, path)
    {
        private readonly Period minimum = rule.Minimum;
        private readonly DateTimeZone zone = rule.Zone;

        protected override bool CanBeUnknown => true;

        public override bool Test(Claim claim) => Evaluate(claim) == Truth.True;

        public override bool IsFalse(Claim claim) => Evaluate(claim) == Truth.False;

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var participant = claim.Participant;
            var age = DefinitionPatterns.FormatPeriod(minimum);
            if (participant.SignedUpAt is not { } signedUp)
            {
                failures.Add(Failure(
                    EligibilityCodes.SignUpUnknown,
                    $"Participant '{participant.Id}' has no sign-up instant; the account must be at least {age} old."));
                return;
            }

            var z = participant.HomeZone ?? zone;
            failures.Add(Failure(
                EligibilityCodes.AccountTooYoung,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Participant '{participant.Id}' signed up at {InstantPattern.ExtendedIso.Format(signedUp)}, less than {age} before the claim at {InstantPattern.ExtendedIso.Format(claim.At)} (counted in {z.Id}).")));
        }

        public override string DescribeMatch(Claim claim) =>
            $"participant '{claim.Participant.Id}' has an account at least {DefinitionPatterns.FormatPeriod(minimum)} old";

        private Truth Evaluate(Claim claim)
        {
            var participant = claim.Participant;
            if (participant.SignedUpAt is not { } signedUp)
            {
                return Truth.Unknown;
            }

            var z = participant.HomeZone ?? zone;
            return signedUp.InZone(z).LocalDateTime.Plus(minimum) <= claim.At.InZone(z).LocalDateTime ? Truth.True : Truth.False;
        }
    }
}
