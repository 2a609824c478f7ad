namespace Incentives.Eligibility.Json;

/// <summary>
/// The <c>ValidationFailure.ErrorCode</c>s of <see cref="RuleDefinitionValidator"/>: lower-case, dot-separated,
/// kebab-case (<c>rule.what-is-wrong</c>). They never change meaning; new codes may be added. Problems inside a nested
/// <c>window</c> carry the Time area's <see cref="Time.Json.WindowErrorCodes"/>, problems inside a <c>minimum</c> the shared
/// <see cref="Serialization.DefinitionErrorCodes"/> (<c>money.*</c>), and unreadable JSON <see cref="Serialization.DefinitionErrorCodes.InvalidJson"/>.
/// </summary>
public static class RuleErrorCodes
{
    /// <summary>A rule has no <c>type</c>.</summary>
    public const string TypeMissing = "rule.type-missing";

    /// <summary>A rule's <c>type</c> is not one of <see cref="RuleTypes.All"/>.</summary>
    public const string UnknownType = "rule.unknown-type";

    /// <summary>An <c>allOf</c> or <c>anyOf</c> has no <c>rules</c>.</summary>
    public const string RulesEmpty = "rule.rules-empty";

    /// <summary>A <c>not</c> has no <c>rule</c>, or an item of <c>rules</c> is <c>null</c>.</summary>
    public const string RuleMissing = "rule.rule-missing";

    /// <summary>Rules are nested deeper than <see cref="RuleDefinitionValidator.MaxDepth"/> levels.</summary>
    public const string TooDeep = "rule.too-deep";

    /// <summary>A <c>window</c> rule gives both the nested <c>window</c> and the flat <c>zone</c>/<c>start</c>/<c>end</c>.</summary>
    public const string WindowFormsMixed = "rule.window-forms-mixed";

    /// <summary>A flat <c>window</c> rule has no <c>zone</c>.</summary>
    public const string ZoneMissing = "rule.zone-missing";

    /// <summary>A <c>zone</c> is not a TZDB id.</summary>
    public const string UnknownZone = "rule.unknown-zone";

    /// <summary>A flat <c>window</c> rule has no <c>start</c> or <c>end</c>.</summary>
    public const string DateTimeMissing = "rule.date-time-missing";

    /// <summary>A <c>start</c> or <c>end</c> is not a local date-time such as <c>2026-02-15T00:00</c>.</summary>
    public const string DateTimeInvalid = "rule.date-time-invalid";

    /// <summary>A <c>start</c> or <c>end</c> falls in a daylight-saving gap or overlap of the zone.</summary>
    public const string DateTimeNotUnique = "rule.date-time-not-unique";

    /// <summary>A flat <c>window</c>'s <c>end</c> is not after its <c>start</c>.</summary>
    public const string EndNotAfterStart = "rule.end-not-after-start";

    /// <summary>A <c>channel</c> rule has no <c>channels</c>.</summary>
    public const string ChannelsEmpty = "rule.channels-empty";

    /// <summary>A <c>category</c> rule has no <c>categories</c>.</summary>
    public const string CategoriesEmpty = "rule.categories-empty";

    /// <summary>A <c>region</c> rule has no <c>regions</c>.</summary>
    public const string RegionsEmpty = "rule.regions-empty";

    /// <summary>A <c>hasSegment</c> or <c>lacksSegment</c> rule has no <c>segments</c>.</summary>
    public const string SegmentsEmpty = "rule.segments-empty";

    /// <summary>An <c>attribute</c> rule with <c>"op":"in"</c> has no <c>values</c>.</summary>
    public const string ValuesEmpty = "rule.values-empty";

    /// <summary>An item of a value set (<c>channels</c>, <c>regions</c>, ...) is empty or null.</summary>
    public const string NameBlank = "rule.name-blank";

    /// <summary>A <c>minOrderAmount</c> has no <c>minimum</c>.</summary>
    public const string MinimumMissing = "rule.minimum-missing";

    /// <summary>A <c>minOrderAmount</c> has <c>"convert":true</c> but the load options supply no conversion.</summary>
    public const string ConversionMissing = "rule.conversion-missing";

    /// <summary>An <c>accountAge</c> has no <c>atLeast</c>.</summary>
    public const string PeriodMissing = "rule.period-missing";

    /// <summary>A <c>within</c> or <c>atLeast</c> is not an ISO period such as <c>P30D</c>.</summary>
    public const string PeriodInvalid = "rule.period-invalid";

    /// <summary>A <c>within</c> is zero or negative, or an <c>atLeast</c> is negative.</summary>
    public const string PeriodOutOfRange = "rule.period-out-of-range";

    /// <summary>An <c>attribute</c> rule has no <c>key</c>.</summary>
    public const string KeyMissing = "rule.key-missing";

    /// <summary>An <c>attribute</c> rule has no <c>op</c>.</summary>
    public const string OperatorMissing = "rule.op-missing";

    /// <summary>An <c>attribute</c> rule's <c>op</c> is unknown.</summary>
    public const string UnknownOperator = "rule.unknown-op";

    /// <summary>An <c>attribute</c> rule's <c>op</c> needs a <c>value</c> and has none.</summary>
    public const string ValueMissing = "rule.value-missing";

    /// <summary>A numeric <c>attribute</c> comparison's <c>value</c> is not a decimal number.</summary>
    public const string ValueNotANumber = "rule.value-not-a-number";

    /// <summary>A <c>custom</c> rule has no <c>name</c>.</summary>
    public const string CustomNameMissing = "rule.custom-name-missing";

    /// <summary>A <c>custom</c> rule names no registered custom rule.</summary>
    public const string CustomUnknown = "rule.custom-unknown";
}
