using System;
using System.Collections.Generic;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Eligibility;

/// <summary>
/// A condition on a <see cref="Claims.Claim"/>: a built-in rule (window, channel, category, region, minimum order
/// amount, new participant, account age, segments, attributes), a <see cref="CustomRule"/>, or a combination of rules
/// (<see cref="AllOfRule"/>, <see cref="AnyOfRule"/>, <see cref="NotRule"/>).
/// </summary>
/// <remarks>
/// <para>
/// A rule is an immutable description. <see cref="Compile"/> turns it once into an <see cref="EligibilityEvaluator"/>
/// that answers on the hot path without allocating and explains a "no" with every failed condition.
/// </para>
/// <para>
/// Rules are built in code with the factory methods on this class (<c>EligibilityRule.AllOf(EligibilityRule.Channel("marketplace"), ...)</c>)
/// or loaded from JSON with <see cref="EligibilityRuleJson"/>; both produce the same types, and
/// <see cref="EligibilityRuleJson.Serialize(EligibilityRule)"/> writes any rule back to JSON.
/// </para>
/// <para>
/// Equality is structural: two rules are equal when they have the same type and equal parameters (sets compare
/// as sets, windows by instants and zone id, periods after normalization, custom rules and conversions by reference).
/// Strings (channels, categories, regions, segments, attribute keys and values) are compared ordinally.
/// </para>
/// </remarks>
/// <threadsafety>Rules are immutable and thread-safe.</threadsafety>
public abstract class EligibilityRule : IEquatable<EligibilityRule>
{
    private protected EligibilityRule()
    {
    }

    /// <summary>Gets the rule's type name in the JSON form, for example <c>"channel"</c> (see <see cref="RuleTypes"/>).</summary>
    public abstract string Type { get; }

    /// <summary>Compiles the rule once into a fast, thread-safe evaluator.</summary>
    /// <returns>The evaluator.</returns>
    public EligibilityEvaluator Compile() => new(this);

    /// <summary>Creates a rule that holds when every one of <paramref name="rules"/> holds.</summary>
    /// <param name="rules">The conditions, at least one.</param>
    /// <returns>The all-of rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty.</exception>
    public static AllOfRule AllOf(params IEnumerable<EligibilityRule> rules) => new(rules);

    /// <summary>Creates a rule that holds when at least one of <paramref name="rules"/> holds.</summary>
    /// <param name="rules">The alternatives, at least one.</param>
    /// <returns>The any-of rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty.</exception>
    public static AnyOfRule AnyOf(params IEnumerable<EligibilityRule> rules) => new(rules);

    /// <summary>
    /// Creates a rule that holds when <paramref name="rule"/> certainly does not: over unknown data (see
    /// <see cref="AccountAgeRule"/>) both fail. <c>Not(Not(r))</c> compiles to <c>r</c> and explains like it.
    /// </summary>
    /// <param name="rule">The excluded condition.</param>
    /// <returns>The not rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public static NotRule Not(EligibilityRule rule) => new(rule);

    /// <summary>
    /// Creates a rule that holds when the claim is inside <paramref name="window"/>: a <see cref="CampaignWindow"/> or a
    /// <see cref="SlotSchedule"/>, read for the participant's home zone when the window is participant-local.
    /// </summary>
    /// <param name="window">The campaign window or slot schedule.</param>
    /// <returns>The window rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is neither a <see cref="CampaignWindow"/> nor a <see cref="SlotSchedule"/>.</exception>
    public static WindowRule Window(ICampaignSchedule window) => new(window);

    /// <summary>Creates a rule that holds when the claim's channel is one of <paramref name="channels"/>.</summary>
    /// <param name="channels">The allowed channels, at least one.</param>
    /// <returns>The channel rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="channels"/> is empty or contains a blank name.</exception>
    public static ChannelRule Channel(params IEnumerable<string> channels) => new(channels);

    /// <summary>Creates a rule that holds when the claim's category is one of <paramref name="categories"/>.</summary>
    /// <param name="categories">The allowed categories, at least one.</param>
    /// <returns>The category rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="categories"/> is empty or contains a blank name.</exception>
    public static CategoryRule Category(params IEnumerable<string> categories) => new(categories);

    /// <summary>Creates a rule that holds when the participant's region is one of <paramref name="regions"/>.</summary>
    /// <param name="regions">The allowed regions, at least one.</param>
    /// <returns>The region rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="regions"/> is empty or contains a blank name.</exception>
    public static RegionRule Region(params IEnumerable<string> regions) => new(regions);

    /// <summary>Creates a rule that holds when the claim's order amount is at least <paramref name="minimum"/>.</summary>
    /// <param name="minimum">The minimum, not negative.</param>
    /// <param name="conversion">
    /// How to convert an order in another currency into the minimum's currency, or <see langword="null"/> to require
    /// the same currency.
    /// </param>
    /// <returns>The minimum-order rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public static MinOrderAmountRule MinOrderAmount(Money minimum, CurrencyConversion? conversion = null) => new(minimum, conversion);

    /// <summary>Creates a rule that holds for a new participant (see <see cref="NewParticipantRule"/>).</summary>
    /// <param name="within">
    /// When the participant has no explicit <see cref="Claims.Participant.IsNew"/> flag: how long after sign-up a
    /// participant still counts as new; <see langword="null"/> to rely on the flag only.
    /// </param>
    /// <param name="zone">The zone in which to count <paramref name="within"/> when the participant has no home zone; UTC when <see langword="null"/>.</param>
    /// <returns>The new-participant rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is zero or has a negative component.</exception>
    public static NewParticipantRule NewParticipant(Period? within = null, DateTimeZone? zone = null) => new(within, zone);

    /// <summary>Creates a rule that holds when the participant's account is at least <paramref name="minimum"/> old at the claim's instant.</summary>
    /// <param name="minimum">The minimum age, for example <c>Period.FromDays(30)</c>.</param>
    /// <param name="zone">The zone in which to count calendar time when the participant has no home zone; UTC when <see langword="null"/>.</param>
    /// <returns>The account-age rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="minimum"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> has a negative component.</exception>
    public static AccountAgeRule AccountAge(Period minimum, DateTimeZone? zone = null) => new(minimum, zone);

    /// <summary>Creates a rule that holds when the participant is in at least one of <paramref name="segments"/>.</summary>
    /// <param name="segments">The segments, at least one.</param>
    /// <returns>The has-segment rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="segments"/> is empty or contains a blank name.</exception>
    public static HasSegmentRule HasSegment(params IEnumerable<string> segments) => new(segments);

    /// <summary>Creates a rule that holds when the participant is in none of <paramref name="segments"/> (a block list).</summary>
    /// <param name="segments">The blocked segments, at least one.</param>
    /// <returns>The lacks-segment rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="segments"/> is empty or contains a blank name.</exception>
    public static LacksSegmentRule LacksSegment(params IEnumerable<string> segments) => new(segments);

    /// <inheritdoc />
    public abstract bool Equals(EligibilityRule? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as EligibilityRule);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Returns the rule's JSON form (see <see cref="EligibilityRuleJson.Serialize(EligibilityRule)"/>).</summary>
    /// <returns>The compact JSON.</returns>
    public sealed override string ToString() => EligibilityRuleJson.Serialize(this);

    /// <summary>Compiles the rule into a node; <paramref name="path"/> is its place in the tree as written.</summary>
    internal abstract RuleNode CreateNode(string path);

    /// <summary>Converts the rule to its JSON definition.</summary>
    internal abstract RuleDefinition ToDefinition();
}
