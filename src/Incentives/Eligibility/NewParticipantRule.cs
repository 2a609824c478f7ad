using System;
using System.Collections.Generic;
using System.Globalization;
using Incentives.Claims;
using Incentives.Eligibility.Json;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Eligibility;

/// <summary>
/// Holds for a new participant. JSON: <c>{"type":"newParticipant"}</c>, or
/// <c>{"type":"newParticipant","within":"P30D","zone":"Asia/Shanghai"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// The participant's explicit <see cref="Participant.IsNew"/> flag decides when it is set. Otherwise, when
/// <see cref="Within"/> is set and the sign-up instant is known, the participant is new while the claim's local
/// date-time is earlier than the sign-up's local date-time plus <see cref="Within"/>, both counted in the participant's
/// <see cref="Participant.HomeZone"/> or, when that is unknown, in <see cref="Zone"/> (UTC by default).
/// </para>
/// <para>
/// Otherwise (no flag, and no sign-up instant or no <see cref="Within"/>) whether the participant is new is UNKNOWN:
/// the rule fails, and so does <c>not(newParticipant)</c> (three-valued, Kleene logic: a <see cref="NotRule"/> over an
/// unknown rule is unknown), so neither "new users only" nor "existing users only" pays a participant without data.
/// </para>
/// <para>
/// Failure codes: <see cref="EligibilityCodes.ParticipantNotNew"/> (flagged not new, or signed up <see cref="Within"/> or
/// more before the claim); <see cref="EligibilityCodes.SignUpUnknown"/> (no flag and no sign-up instant);
/// <see cref="EligibilityCodes.NewParticipantUnknown"/> (no flag, and the rule has no period). For a participant
/// without a flag, <c>newParticipant(within: P)</c> and <c>not(accountAge(atLeast: P))</c> with the same zone agree
/// on every claim, unknown sign-ups included (both fail with <see cref="EligibilityCodes.SignUpUnknown"/>); with a flag,
/// only <c>newParticipant</c> reads the flag.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class NewParticipantRule : EligibilityRule
{
    /// <summary>Initializes a new-participant rule.</summary>
    /// <param name="within">How long after sign-up a participant without a flag counts as new; <see langword="null"/> to rely on the flag only.</param>
    /// <param name="zone">The zone in which to count <paramref name="within"/> when the participant has no home zone; UTC when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is zero or has a negative component.</exception>
    public NewParticipantRule(Period? within = null, DateTimeZone? zone = null)
    {
        if (within is not null && (DefinitionPatterns.HasNegativeComponent(within) || within.Normalize().Equals(Period.Zero)))
        {
            throw new ArgumentOutOfRangeException(nameof(within), within, "The period must be positive.");
        }

        Within = within?.Normalize();
        Zone = zone ?? DateTimeZone.Utc;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.NewParticipant;

    /// <summary>Gets how long after sign-up a participant counts as new (normalized), or <see langword="null"/> to rely on the flag only.</summary>
    public Period? Within { get; }

    /// <summary>Gets the zone for counting calendar time when the participant has no home zone (UTC by default).</summary>
    public DateTimeZone Zone { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) =>
        other is NewParticipantRule same && Equals(Within, same.Within) && Zone.Id == same.Zone.Id;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.NewParticipant, Within, Zone.Id);

    internal override RuleNode CreateNode(string path) => new Node(this, path);

    internal override RuleDefinition ToDefinition() => new()
    {
        Type = Type,
        Within = Within is null ? null : DefinitionPatterns.FormatPeriod(Within),
        Zone = Zone.Id == "UTC" ? null : Zone.Id,
    };

    private sealed class Node(NewParticipantRule rule, string path) : RuleNode(rule, path)
    {
        private readonly Period? within = rule.Within;
        private readonly DateTimeZone zone = rule.Zone;

        protected override bool CanBeUnknown => true;

        public override bool Test(Claim claim) => Evaluate(claim) == Truth.True;

        public override bool IsFalse(Claim claim) => Evaluate(claim) == Truth.False;

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var participant = claim.Participant;
            if (participant.IsNew is not null)
            {
                failures.Add(Failure(EligibilityCodes.ParticipantNotNew, $"Participant '{participant.Id}' is flagged as not new."));
            }
            else if (within is null)
            {
                failures.Add(Failure(
                    EligibilityCodes.NewParticipantUnknown,
                    $"Participant '{participant.Id}' has no new-participant flag, and the rule has no period to decide from the sign-up instant."));
            }
            else if (participant.SignedUpAt is not { } signedUp)
            {
                failures.Add(Failure(
                    EligibilityCodes.SignUpUnknown,
                    $"Participant '{participant.Id}' is not flagged as new or not new and has no sign-up instant."));
            }
            else
            {
                var z = participant.HomeZone ?? zone;
                failures.Add(Failure(
                    EligibilityCodes.ParticipantNotNew,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Participant '{participant.Id}' signed up at {InstantPattern.ExtendedIso.Format(signedUp)}, {DefinitionPatterns.FormatPeriod(within)} or more before the claim at {InstantPattern.ExtendedIso.Format(claim.At)} (counted in {z.Id}).")));
            }
        }

        public override string DescribeMatch(Claim claim) => $"participant '{claim.Participant.Id}' is new";

        private Truth Evaluate(Claim claim)
        {
            var participant = claim.Participant;
            if (participant.IsNew is { } flag)
            {
                return flag ? Truth.True : Truth.False;
            }

            if (within is null || participant.SignedUpAt is not { } signedUp)
            {
                return Truth.Unknown;
            }

            var z = participant.HomeZone ?? zone;
            return claim.At.InZone(z).LocalDateTime < signedUp.InZone(z).LocalDateTime.Plus(within) ? Truth.True : Truth.False;
        }
    }
}
