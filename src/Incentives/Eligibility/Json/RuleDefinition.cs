using Incentives.Serialization;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Incentives.Eligibility.Json;

/// <summary>
/// The JSON form of a rule, as read before validation: one class for every rule type, discriminated by
/// <see cref="Type"/>; only the properties of that type are used. Dates, periods, zones and amounts are strings so that
/// a malformed value becomes a validation error with its path, not a deserializer exception.
/// </summary>
/// <remarks>Validate with <see cref="RuleDefinitionValidator"/>; load with <see cref="EligibilityRuleJson"/>.</remarks>
public sealed class RuleDefinition
{
    /// <summary>Gets or sets the rule type, one of <see cref="RuleTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the children of an <c>allOf</c> or <c>anyOf</c>.</summary>
    public List<RuleDefinition>? Rules { get; set; }

    /// <summary>Gets or sets the excluded rule of a <c>not</c>.</summary>
    public RuleDefinition? Rule { get; set; }

    /// <summary>Gets or sets the TZDB zone id of a <c>window</c>, or the default zone of <c>newParticipant</c> and <c>accountAge</c>.</summary>
    public string? Zone { get; set; }

    /// <summary>Gets or sets a <c>window</c>'s local start (inclusive), ISO form <c>2026-02-15T00:00</c> (seconds optional).</summary>
    public string? Start { get; set; }

    /// <summary>Gets or sets a <c>window</c>'s local end (exclusive), ISO form <c>2026-02-24T00:00</c> (seconds optional).</summary>
    public string? End { get; set; }

    /// <summary>
    /// Gets or sets the nested form of a <c>window</c> rule: a full window definition with optional slots and time reference,
    /// e.g. <c>{"zone":"Asia/Shanghai","start":"2026-02-15","days":9,"slots":[{"start":"20:00","end":"22:00"}]}</c>. When present,
    /// the flat <see cref="Zone"/>, <see cref="Start"/> and <see cref="End"/> must be absent.
    /// </summary>
    public Time.Json.CampaignWindowDefinition? Window { get; set; }

    /// <summary>Gets or sets the allowed channels of a <c>channel</c> rule.</summary>
    public List<string>? Channels { get; set; }

    /// <summary>Gets or sets the allowed categories of a <c>category</c> rule.</summary>
    public List<string>? Categories { get; set; }

    /// <summary>Gets or sets the allowed regions of a <c>region</c> rule.</summary>
    public List<string>? Regions { get; set; }

    /// <summary>Gets or sets the segments of a <c>hasSegment</c> or <c>lacksSegment</c> rule.</summary>
    public List<string>? Segments { get; set; }

    /// <summary>Gets or sets the minimum of a <c>minOrderAmount</c> rule.</summary>
    public MoneyDefinition? Minimum { get; set; }

    /// <summary>
    /// Gets or sets whether a <c>minOrderAmount</c> rule converts an order in another currency with the conversion
    /// supplied at load time (<see cref="EligibilityRuleLoadOptions.Conversion"/>); <see langword="false"/> or absent
    /// to require the minimum's currency.
    /// </summary>
    public bool? Convert { get; set; }

    /// <summary>Gets or sets the ISO period of a <c>newParticipant</c> rule, for example <c>P30D</c>.</summary>
    public string? Within { get; set; }

    /// <summary>Gets or sets the minimum ISO period of an <c>accountAge</c> rule, for example <c>P1Y</c>.</summary>
    public string? AtLeast { get; set; }

    /// <summary>Gets or sets the attribute key of an <c>attribute</c> rule.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// Gets or sets the comparison of an <c>attribute</c> rule: <c>equals</c>, <c>notEquals</c>, <c>in</c>, <c>exists</c>,
    /// <c>greaterThan</c>, <c>greaterThanOrEqual</c>, <c>lessThan</c>, <c>lessThanOrEqual</c>.
    /// </summary>
    [JsonPropertyName("op")]
    public string? Op { get; set; }

    /// <summary>Gets or sets the value compared by an <c>attribute</c> rule (a decimal number such as <c>"3"</c> for the numeric comparisons).</summary>
    public string? Value { get; set; }

    /// <summary>Gets or sets the values of an <c>attribute</c> rule with <c>"op":"in"</c>.</summary>
    public List<string>? Values { get; set; }

    /// <summary>Gets or sets the registered name of a <c>custom</c> rule.</summary>
    public string? Name { get; set; }
}
