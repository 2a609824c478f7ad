using Incentives.Serialization;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using FluentValidation;
using Incentives.Time.Json;
using NodaTime;

namespace Incentives.Eligibility.Json;

/// <summary>
/// Validates a <see cref="RuleDefinition"/> tree and reports every problem at once, each with its path in the JSON's
/// own names (<c>rules[1].channels</c>, <c>rules[0].rule.minimum.currency</c>; a root property is just its name, <c>type</c>).
/// </summary>
/// <remarks>
/// Checks: a known <c>type</c>; non-empty rule lists and value sets without blank items; known TZDB zones; local
/// date-times that exist exactly once in their zone; a window end after its start; a nested <c>window</c> through
/// <see cref="CampaignWindowDefinitionValidator"/> with the rule's path as prefix (<c>rules[0].window.slots[1].start</c>), and not
/// mixed with the flat <c>zone</c>/<c>start</c>/<c>end</c>; ISO periods (positive for
/// <c>within</c>, not negative for <c>atLeast</c>); money with a known currency and an amount that fits it; attribute
/// operators and their values; custom rules registered in <see cref="EligibilityRuleLoadOptions.CustomRules"/>; a
/// conversion when <c>"convert":true</c>; and nesting no deeper than <see cref="MaxDepth"/> levels.
/// Properties that a type does not use are ignored. Every failure carries a <see cref="RuleErrorCodes"/> code (nested
/// windows the Time area's <see cref="WindowErrorCodes"/>, money the shared <c>money.*</c> codes).
/// </remarks>
/// <threadsafety>Instances are thread-safe once constructed.</threadsafety>
public sealed class RuleDefinitionValidator : AbstractValidator<RuleDefinition>
{
    /// <summary>The deepest nesting of rules accepted: the root is level 1, its children level 2, and so on.</summary>
    public const int MaxDepth = 32;

    private static readonly string TypeList = string.Join(", ", RuleTypes.All);
    private static readonly string OperatorList = string.Join(", ", Enum.GetValues<AttributeOperator>().Select(AttributeRule.JsonName));

    private readonly Lazy<RuleDefinitionValidator> child;

    /// <summary>Initializes a validator with the default options (no custom rules, no conversion).</summary>
    public RuleDefinitionValidator()
        : this(EligibilityRuleLoadOptions.Default, 1)
    {
    }

    /// <summary>Initializes a validator that knows the custom rules and conversion that loading will use.</summary>
    /// <param name="options">The load options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public RuleDefinitionValidator(EligibilityRuleLoadOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), 1)
    {
    }

    private RuleDefinitionValidator(EligibilityRuleLoadOptions options, int depth)
    {
        child = new Lazy<RuleDefinitionValidator>(() => new RuleDefinitionValidator(options, depth + 1));

        RuleFor(x => x.Type)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"A rule needs a 'type', one of: {TypeList}.").WithErrorCode(RuleErrorCodes.TypeMissing)
            .Must(type => RuleTypes.All.Contains(type, StringComparer.Ordinal))
            .WithMessage(x => $"Unknown rule type '{x.Type}'; expected one of: {TypeList}.").WithErrorCode(RuleErrorCodes.UnknownType)
            .OverridePropertyName("type");

        When(x => x.Type is RuleTypes.AllOf or RuleTypes.AnyOf, () =>
        {
            RuleFor(x => x.Rules).NotEmpty().WithMessage(x => $"An {x.Type} needs at least one rule in 'rules'.").WithErrorCode(RuleErrorCodes.RulesEmpty).OverridePropertyName("rules");
            if (depth < MaxDepth)
            {
                RuleForEach(x => x.Rules)
                    .NotNull().WithMessage("A rule must be an object, not null.").WithErrorCode(RuleErrorCodes.RuleMissing)
                    .SetValidator((RuleDefinition _) => child.Value)
                    .OverridePropertyName("rules");
            }
            else
            {
                RuleFor(x => x.Rules).Must(rules => rules is null || rules.Count == 0).WithMessage(TooDeep).WithErrorCode(RuleErrorCodes.TooDeep).OverridePropertyName("rules");
            }
        });

        When(x => x.Type == RuleTypes.Not, () =>
        {
            var rule = RuleFor(x => x.Rule!).NotNull().WithMessage("A not needs the excluded rule in 'rule'.").WithErrorCode(RuleErrorCodes.RuleMissing).OverridePropertyName("rule");
            if (depth < MaxDepth)
            {
                rule.SetValidator((RuleDefinition _) => child.Value);
            }
            else
            {
                RuleFor(x => x.Rule).Null().WithMessage(TooDeep).WithErrorCode(RuleErrorCodes.TooDeep).OverridePropertyName("rule");
            }
        });

        When(x => x.Type == RuleTypes.Window && x.Window is not null, () =>
        {
            RuleFor(x => x.Window)
                .Must((definition, _) => definition.Zone is null && definition.Start is null && definition.End is null)
                .WithMessage("A window rule takes either the nested 'window' or the flat 'zone', 'start' and 'end', not both.").WithErrorCode(RuleErrorCodes.WindowFormsMixed)
                .OverridePropertyName("window");
            RuleFor(x => x.Window!)
                .Configure(rule => rule.PropertyName = "window")
                .Custom((window, context) =>
                {
                    foreach (var failure in new CampaignWindowDefinitionValidator(context.PropertyPath).Validate(window).Errors)
                    {
                        context.AddFailure(failure);
                    }
                });
        });

        When(x => x.Type == RuleTypes.Window && x.Window is null, () =>
        {
            RuleFor(x => x.Zone).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A window needs a 'zone', a TZDB id such as \"Asia/Shanghai\".").WithErrorCode(RuleErrorCodes.ZoneMissing)
                .Must(BeKnownZone).WithMessage(UnknownZone).WithErrorCode(RuleErrorCodes.UnknownZone)
                .OverridePropertyName("zone");
            LocalDateTimeRules(x => x.Start, "start");
            LocalDateTimeRules(x => x.End, "end");
            RuleFor(x => x.End)
                .Must((definition, end) => !TryMapWindow(definition, out var start, out var stop) || start < stop)
                .WithMessage(x => $"The end {x.End} must be after the start {x.Start}.").WithErrorCode(RuleErrorCodes.EndNotAfterStart)
                .OverridePropertyName("end");
        });

        When(x => x.Type == RuleTypes.Channel, () => ValueSetRules(x => x.Channels!, "channels", "channel", RuleErrorCodes.ChannelsEmpty));
        When(x => x.Type == RuleTypes.Category, () => ValueSetRules(x => x.Categories!, "categories", "category", RuleErrorCodes.CategoriesEmpty));
        When(x => x.Type == RuleTypes.Region, () => ValueSetRules(x => x.Regions!, "regions", "region", RuleErrorCodes.RegionsEmpty));
        When(x => x.Type is RuleTypes.HasSegment or RuleTypes.LacksSegment, () => ValueSetRules(x => x.Segments!, "segments", "segment", RuleErrorCodes.SegmentsEmpty));

        When(x => x.Type == RuleTypes.MinOrderAmount, () =>
        {
            RuleFor(x => x.Minimum)
                .NotNull().WithMessage("A minOrderAmount needs a 'minimum' such as {\"amount\":\"50.00\",\"currency\":\"CNY\"}.").WithErrorCode(RuleErrorCodes.MinimumMissing)
                .SetValidator(new MoneyDefinitionValidator()!)
                .OverridePropertyName("minimum");
            RuleFor(x => x.Convert)
                .Must(convert => convert != true || options.Conversion is not null)
                .WithMessage("'convert' is true but the load options supply no currency conversion.").WithErrorCode(RuleErrorCodes.ConversionMissing)
                .OverridePropertyName("convert");
        });

        When(x => x.Type == RuleTypes.NewParticipant, () =>
        {
            RuleFor(x => x.Within).Cascade(CascadeMode.Stop)
                .Must(text => DefinitionPatterns.TryParsePeriod(text, out _)).WithMessage(NotAPeriod).WithErrorCode(RuleErrorCodes.PeriodInvalid)
                .Must(text => DefinitionPatterns.TryParsePeriod(text, out var p) && !DefinitionPatterns.HasNegativeComponent(p) && !p.Equals(Period.Zero))
                .WithMessage(x => $"The period {x.Within} must be positive.").WithErrorCode(RuleErrorCodes.PeriodOutOfRange)
                .When(x => x.Within is not null)
                .OverridePropertyName("within");
            OptionalZoneRule();
        });

        When(x => x.Type == RuleTypes.AccountAge, () =>
        {
            RuleFor(x => x.AtLeast).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("An accountAge needs 'atLeast', an ISO period such as \"P30D\".").WithErrorCode(RuleErrorCodes.PeriodMissing)
                .Must(text => DefinitionPatterns.TryParsePeriod(text, out _)).WithMessage(NotAPeriod).WithErrorCode(RuleErrorCodes.PeriodInvalid)
                .Must(text => DefinitionPatterns.TryParsePeriod(text, out var p) && !DefinitionPatterns.HasNegativeComponent(p))
                .WithMessage(x => $"The period {x.AtLeast} must not be negative.").WithErrorCode(RuleErrorCodes.PeriodOutOfRange)
                .OverridePropertyName("atLeast");
            OptionalZoneRule();
        });

        When(x => x.Type == RuleTypes.Attribute, () =>
        {
            RuleFor(x => x.Key).NotEmpty().WithMessage("An attribute rule needs a 'key'.").WithErrorCode(RuleErrorCodes.KeyMissing).OverridePropertyName("key");
            RuleFor(x => x.Op).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage($"An attribute rule needs an 'op', one of: {OperatorList}.").WithErrorCode(RuleErrorCodes.OperatorMissing)
                .Must(op => AttributeRule.TryParseOperator(op, out _))
                .WithMessage(x => $"Unknown op '{x.Op}'; expected one of: {OperatorList}.").WithErrorCode(RuleErrorCodes.UnknownOperator)
                .OverridePropertyName("op");
            RuleFor(x => x.Value)
                .NotNull().WithMessage(x => $"The op '{x.Op}' needs a 'value'.").WithErrorCode(RuleErrorCodes.ValueMissing)
                .When(x => AttributeRule.TryParseOperator(x.Op, out var op) && op is AttributeOperator.Equal or AttributeOperator.NotEqual)
                .OverridePropertyName("value");
            RuleFor(x => x.Value).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(x => $"The op '{x.Op}' needs a numeric 'value' such as \"3\".").WithErrorCode(RuleErrorCodes.ValueMissing)
                .Must(text => decimal.TryParse(text, AttributeRule.NumberStyle, System.Globalization.CultureInfo.InvariantCulture, out _))
                .WithMessage(x => $"'{x.Value}' is not a number such as \"3\" or \"12.5\".").WithErrorCode(RuleErrorCodes.ValueNotANumber)
                .When(x => AttributeRule.TryParseOperator(x.Op, out var op) && AttributeRule.IsNumeric(op))
                .OverridePropertyName("value");
            When(x => AttributeRule.TryParseOperator(x.Op, out var op) && op == AttributeOperator.In, () => ValueSetRules(x => x.Values!, "values", "value", RuleErrorCodes.ValuesEmpty));
        });

        When(x => x.Type == RuleTypes.Custom, () =>
        {
            RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A custom rule needs the 'name' it was registered under.").WithErrorCode(RuleErrorCodes.CustomNameMissing)
                .Must(name => options.CustomRules.TryGet(name, out _))
                .WithMessage(x => options.CustomRules.Names.Count == 0
                    ? $"No custom rule named '{x.Name}' is registered (no custom rules were supplied)."
                    : $"No custom rule named '{x.Name}' is registered; registered: {string.Join(", ", options.CustomRules.Names.Order(StringComparer.Ordinal))}.").WithErrorCode(RuleErrorCodes.CustomUnknown)
                .OverridePropertyName("name");
        });
    }

    private static string TooDeep => $"Rules are nested more than {MaxDepth} levels deep.";

    private static bool BeKnownZone(string? id) => id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    private static string UnknownZone(RuleDefinition definition) =>
        $"Unknown time zone '{definition.Zone}'; use a TZDB id such as \"Asia/Shanghai\".";

    private static string NotAPeriod(RuleDefinition definition, string? text) => $"'{text}' is not an ISO period such as \"P30D\".";

    /// <summary>Maps a window's local start and end to instants, when the zone and both date-times are valid and unambiguous.</summary>
    internal static bool TryMapWindow(RuleDefinition definition, out Instant start, out Instant end)
    {
        start = end = default;
        if (!BeKnownZone(definition.Zone) ||
            !DefinitionPatterns.TryParseLocalDateTime(definition.Start, out var localStart) ||
            !DefinitionPatterns.TryParseLocalDateTime(definition.End, out var localEnd))
        {
            return false;
        }

        var zone = DateTimeZoneProviders.Tzdb[definition.Zone!];
        var startMapping = zone.MapLocal(localStart);
        var endMapping = zone.MapLocal(localEnd);
        if (startMapping.Count != 1 || endMapping.Count != 1)
        {
            return false;
        }

        start = startMapping.Single().ToInstant();
        end = endMapping.Single().ToInstant();
        return true;
    }

    private void LocalDateTimeRules(Expression<Func<RuleDefinition, string?>> property, string name)
    {
        var read = property.Compile();
        RuleFor(property).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"A window needs a '{name}', a local date-time such as \"2026-02-15T00:00\".").WithErrorCode(RuleErrorCodes.DateTimeMissing)
            .Must(text => DefinitionPatterns.TryParseLocalDateTime(text, out _))
            .WithMessage((_, text) => $"'{text}' is not a local date-time such as \"2026-02-15T00:00\".").WithErrorCode(RuleErrorCodes.DateTimeInvalid)
            .Must((definition, text) => MapCount(definition, text) is null or 1)
            .WithMessage((definition, text) => MapCount(definition, text) == 0
                ? $"{text} does not exist in {definition.Zone}: it falls in a daylight-saving gap."
                : $"{text} is ambiguous in {definition.Zone}: it occurs twice in a daylight-saving overlap.").WithErrorCode(RuleErrorCodes.DateTimeNotUnique)
            .OverridePropertyName(name);
    }

    /// <summary>How many instants a local date-time maps to in the definition's zone, or null when the zone is unknown.</summary>
    private static int? MapCount(RuleDefinition definition, string? text) =>
        BeKnownZone(definition.Zone) && DefinitionPatterns.TryParseLocalDateTime(text, out var local)
            ? DateTimeZoneProviders.Tzdb[definition.Zone!].MapLocal(local).Count
            : null;

    private void ValueSetRules(Expression<Func<RuleDefinition, IEnumerable<string>>> property, string name, string noun, string code)
    {
        RuleFor(property).NotEmpty().WithMessage($"'{name}' must list at least one {noun}.").WithErrorCode(code).OverridePropertyName(name);
        RuleForEach(property).NotEmpty().WithMessage($"A {noun} must be a non-empty name.").WithErrorCode(RuleErrorCodes.NameBlank).OverridePropertyName(name);
    }

    private void OptionalZoneRule() =>
        RuleFor(x => x.Zone).Must(BeKnownZone).WithMessage(UnknownZone).WithErrorCode(RuleErrorCodes.UnknownZone).When(x => x.Zone is not null).OverridePropertyName("zone");
}
