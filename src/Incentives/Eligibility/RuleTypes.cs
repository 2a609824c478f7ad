namespace Incentives.Eligibility;

/// <summary>The values of the <c>"type"</c> discriminator in a rule's JSON form (and of <see cref="EligibilityRule.Type"/>).</summary>
public static class RuleTypes
{
    /// <summary><c>{"type":"allOf","rules":[...]}</c>: <see cref="AllOfRule"/>.</summary>
    public const string AllOf = "allOf";

    /// <summary><c>{"type":"anyOf","rules":[...]}</c>: <see cref="AnyOfRule"/>.</summary>
    public const string AnyOf = "anyOf";

    /// <summary><c>{"type":"not","rule":{...}}</c>: <see cref="NotRule"/>.</summary>
    public const string Not = "not";

    /// <summary>
    /// <c>{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}</c>, or with a nested
    /// <see cref="Time.Json.CampaignWindowDefinition"/> (slots, time reference): <c>{"type":"window","window":{...}}</c>: <see cref="WindowRule"/>.
    /// </summary>
    public const string Window = "window";

    /// <summary><c>{"type":"channel","channels":["marketplace"]}</c>: <see cref="ChannelRule"/>.</summary>
    public const string Channel = "channel";

    /// <summary><c>{"type":"category","categories":["food"]}</c>: <see cref="CategoryRule"/>.</summary>
    public const string Category = "category";

    /// <summary><c>{"type":"region","regions":["CN"]}</c>: <see cref="RegionRule"/>.</summary>
    public const string Region = "region";

    /// <summary><c>{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"}}</c>: <see cref="MinOrderAmountRule"/>.</summary>
    public const string MinOrderAmount = "minOrderAmount";

    /// <summary><c>{"type":"newParticipant","within":"P30D"}</c>: <see cref="NewParticipantRule"/>.</summary>
    public const string NewParticipant = "newParticipant";

    /// <summary><c>{"type":"accountAge","atLeast":"P30D"}</c>: <see cref="AccountAgeRule"/>.</summary>
    public const string AccountAge = "accountAge";

    /// <summary><c>{"type":"hasSegment","segments":["vip"]}</c>: <see cref="HasSegmentRule"/>.</summary>
    public const string HasSegment = "hasSegment";

    /// <summary><c>{"type":"lacksSegment","segments":["blocked"]}</c>: <see cref="LacksSegmentRule"/>.</summary>
    public const string LacksSegment = "lacksSegment";

    /// <summary><c>{"type":"attribute","key":"tier","op":"equals","value":"gold"}</c>: <see cref="AttributeRule"/>.</summary>
    public const string Attribute = "attribute";

    /// <summary><c>{"type":"custom","name":"notFlaggedByRisk"}</c>: a <see cref="CustomRule"/> from the registry supplied at load time.</summary>
    public const string Custom = "custom";

    /// <summary>Every type, in the order of the documentation.</summary>
    internal static readonly string[] All =
    [
        AllOf, AnyOf, Not, Window, Channel, Category, Region, MinOrderAmount, NewParticipant, AccountAge,
        HasSegment, LacksSegment, Attribute, Custom,
    ];
}
