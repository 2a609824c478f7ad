using System;
using System.Collections.Generic;
using System.Globalization;
using Incentives.Claims;
using Incentives.Eligibility.Serialization;
using Incentives.Time;
using NodaTime.Text;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when the claim's instant is inside a <see cref="CampaignWindow"/> (half-open: the start is inside, the end
/// is not). JSON: <c>{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}</c>,
/// local date-times in the zone, read with <see cref="CampaignWindow.Create(NodaTime.LocalDateTime, NodaTime.LocalDateTime, NodaTime.DateTimeZone)"/>.
/// </summary>
/// <remarks>
/// Failure codes: <see cref="EligibilityCodes.WindowNotStarted"/> before the start,
/// <see cref="EligibilityCodes.WindowEnded"/> at or after the end. A window whose start or end falls in a
/// daylight-saving overlap cannot be written as local date-times unambiguously; such a window still works in code
/// but does not round-trip through JSON.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class WindowRule : EligibilityRule
{
    /// <summary>Initializes a window rule.</summary>
    /// <param name="window">The campaign window.</param>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is <see langword="null"/>.</exception>
    public WindowRule(CampaignWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        CampaignWindow = window;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.Window;

    /// <summary>Gets the campaign window.</summary>
    public CampaignWindow CampaignWindow { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is WindowRule same && CampaignWindow.Equals(same.CampaignWindow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Window, CampaignWindow);

    internal override RuleNode CreateNode(string path) => new Node(this, path, CampaignWindow);

    internal override RuleDefinition ToDefinition() => new()
    {
        Type = Type,
        Zone = CampaignWindow.Zone.Id,
        Start = DefinitionPatterns.FormatLocalDateTime(CampaignWindow.ZonedStart.LocalDateTime),
        End = DefinitionPatterns.FormatLocalDateTime(CampaignWindow.ZonedEnd.LocalDateTime),
    };

    private sealed class Node(WindowRule rule, string path, CampaignWindow window) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => window.Contains(claim.At);

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var at = InstantPattern.ExtendedIso.Format(claim.At);
            failures.Add(claim.At < window.Start
                ? Failure(EligibilityCodes.WindowNotStarted, string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is before the window {window} opens."))
                : Failure(EligibilityCodes.WindowEnded, string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is at or after the end of the window {window}.")));
        }

        public override string DescribeMatch(Claim claim) =>
            string.Create(CultureInfo.InvariantCulture, $"the claim at {InstantPattern.ExtendedIso.Format(claim.At)} is inside the window {window}");
    }
}
