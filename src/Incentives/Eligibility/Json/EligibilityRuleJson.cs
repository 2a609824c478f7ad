using Incentives.Serialization;
using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using NodaTime;

namespace Incentives.Eligibility.Json;

/// <summary>
/// Reads rules from JSON (validating every problem at once) and writes any rule back to the same JSON form.
/// </summary>
/// <remarks>
/// <para>
/// The form is one object per rule with a <c>"type"</c> discriminator (see <see cref="RuleTypes"/>), camelCase names,
/// strings for dates, periods, zones and amounts. Writing omits absent properties; writing then reading gives back an
/// equal rule (<see cref="EligibilityRule.Equals(EligibilityRule)"/>), given the same load options.
/// </para>
/// <para>
/// Reading follows the shared <see cref="DefinitionJson"/> conventions (names matched without regard to case, comments
/// and trailing commas allowed, unknown properties rejected, strict numbers). JSON that cannot be read (bad syntax, a
/// value of the wrong JSON kind such as <c>"channels":5</c>, an unknown property such as <c>"zon"</c>, or <c>null</c>) is
/// a <see cref="ValidationException"/> with one failure whose <c>PropertyName</c> is the JSON path of the problem and
/// whose code is <see cref="DefinitionErrorCodes.InvalidJson"/>. A readable definition with invalid content is a
/// <see cref="ValidationException"/> that lists every problem with its path and a <see cref="RuleErrorCodes"/> code
/// (see <see cref="RuleDefinitionValidator"/>).
/// </para>
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class EligibilityRuleJson
{
    private static readonly RuleDefinitionValidator DefaultValidator = new();

    /// <summary>
    /// Gets the serializer options of the JSON form: <see cref="DefinitionJson.Options"/> with compact output and a
    /// nesting limit high enough to leave "nested too deep" to the validator.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Reads, validates and builds a rule.</summary>
    /// <param name="json">The rule's JSON.</param>
    /// <param name="options">The custom rules and conversion the JSON may use; <see cref="EligibilityRuleLoadOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The rule; compile it with <see cref="EligibilityRule.Compile"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">
    /// The JSON cannot be read (code <see cref="DefinitionErrorCodes.InvalidJson"/>), or the definition is invalid;
    /// <see cref="ValidationException.Errors"/> lists every problem with its path.
    /// </exception>
    public static EligibilityRule Load(string json, EligibilityRuleLoadOptions? options = null) =>
        Compile(Deserialize(json), options);

    /// <summary>Reads a rule's JSON into its definition, without validating it.</summary>
    /// <param name="json">The rule's JSON.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">
    /// The JSON is malformed, holds a value of the wrong JSON type or an unknown property, or is <c>null</c>: one failure
    /// whose <c>PropertyName</c> is the JSON path (<c>rules[1].channels</c>) and whose code is <see cref="DefinitionErrorCodes.InvalidJson"/>.
    /// </exception>
    public static RuleDefinition Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<RuleDefinition>(json, SerializerOptions)
                ?? throw InvalidJson(string.Empty, "A rule must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw InvalidJson(e.Path?.TrimStart('$').TrimStart('.') ?? string.Empty, $"The JSON cannot be read as an eligibility rule definition: {e.Message}");
        }
    }

    /// <summary>Validates a definition and builds the rule.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="options">The custom rules and conversion the definition may use; <see cref="EligibilityRuleLoadOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> lists every problem.</exception>
    public static EligibilityRule Compile(RuleDefinition definition, EligibilityRuleLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= EligibilityRuleLoadOptions.Default;
        var validator = ReferenceEquals(options, EligibilityRuleLoadOptions.Default) ? DefaultValidator : new RuleDefinitionValidator(options);
        var result = validator.Validate(definition);
        if (!result.IsValid)
        {
            var message = new StringBuilder("The eligibility rule is invalid:");
            foreach (var error in result.Errors)
            {
                message.Append("\n  ").Append(error.PropertyName).Append(": ").Append(error.ErrorMessage);
            }

            throw new ValidationException(message.ToString(), result.Errors);
        }

        return Build(definition, options);
    }

    /// <summary>Converts a rule to its definition (the object form of its JSON).</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public static RuleDefinition ToDefinition(EligibilityRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.ToDefinition();
    }

    /// <summary>Writes a rule as compact JSON.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>For example <c>{"type":"channel","channels":["marketplace"]}</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public static string Serialize(EligibilityRule rule) => JsonSerializer.Serialize(ToDefinition(rule), SerializerOptions);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(DefinitionJson.Options)
        {
            WriteIndented = false,
            MaxDepth = (RuleDefinitionValidator.MaxDepth * 4) + 16,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static ValidationException InvalidJson(string path, string message) =>
        new(
            "The eligibility rule is invalid:\n  " + path + ": " + message,
            [new ValidationFailure(path, message) { ErrorCode = DefinitionErrorCodes.InvalidJson }]);

    /// <summary>Builds a rule from a definition that the validator accepted.</summary>
    private static EligibilityRule Build(RuleDefinition d, EligibilityRuleLoadOptions options) => d.Type switch
    {
        RuleTypes.AllOf => new AllOfRule(d.Rules!.Select(r => Build(r, options))),
        RuleTypes.AnyOf => new AnyOfRule(d.Rules!.Select(r => Build(r, options))),
        RuleTypes.Not => new NotRule(Build(d.Rule!, options)),
        RuleTypes.Window => new WindowRule(d.Window is { } window
            ? Time.Json.CampaignWindowJson.Compile(window)
            : Time.CampaignWindow.Create(ParseLocal(d.Start), ParseLocal(d.End), DateTimeZoneProviders.Tzdb[d.Zone!])),
        RuleTypes.Channel => new ChannelRule(d.Channels!),
        RuleTypes.Category => new CategoryRule(d.Categories!),
        RuleTypes.Region => new RegionRule(d.Regions!),
        RuleTypes.HasSegment => new HasSegmentRule(d.Segments!),
        RuleTypes.LacksSegment => new LacksSegmentRule(d.Segments!),
        RuleTypes.MinOrderAmount => new MinOrderAmountRule(
            MoneyDefinitionValidator.ToMoney(d.Minimum!), d.Convert == true ? options.Conversion : null),
        RuleTypes.NewParticipant => new NewParticipantRule(d.Within is null ? null : ParsePeriod(d.Within), Zone(d.Zone)),
        RuleTypes.AccountAge => new AccountAgeRule(ParsePeriod(d.AtLeast), Zone(d.Zone)),
        RuleTypes.Attribute => BuildAttribute(d),
        RuleTypes.Custom => options.CustomRules.TryGet(d.Name, out var custom) ? custom : throw new InvalidOperationException("Validated custom rule vanished."),
        _ => throw new InvalidOperationException($"Validated rule has unknown type '{d.Type}'."),
    };

    private static AttributeRule BuildAttribute(RuleDefinition d)
    {
        AttributeRule.TryParseOperator(d.Op, out var op);
        return op switch
        {
            AttributeOperator.Equal => AttributeRule.Equal(d.Key!, d.Value!),
            AttributeOperator.NotEqual => AttributeRule.NotEqual(d.Key!, d.Value!),
            AttributeOperator.In => AttributeRule.In(d.Key!, d.Values!),
            AttributeOperator.Exists => AttributeRule.Exists(d.Key!),
            _ => AttributeRule.Compare(
                d.Key!, op, decimal.Parse(d.Value!, AttributeRule.NumberStyle, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    private static LocalDateTime ParseLocal(string? text)
    {
        DefinitionPatterns.TryParseLocalDateTime(text, out var value);
        return value;
    }

    private static Period ParsePeriod(string? text)
    {
        DefinitionPatterns.TryParsePeriod(text, out var value);
        return value;
    }

    private static DateTimeZone? Zone(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb[id];
}
