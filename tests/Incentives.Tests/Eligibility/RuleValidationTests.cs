using System;
using System.Linq;
using FluentValidation;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Serialization;

namespace Incentives.Tests.Eligibility;

/// <summary>Each validation error of the JSON form, with its exact path and message.</summary>
public sealed class RuleValidationTests
{
    private const string Types =
        "allOf, anyOf, not, window, channel, category, region, minOrderAmount, newParticipant, accountAge, hasSegment, lacksSegment, attribute, custom";

    public static TheoryData<string, string, string, string> SingleErrors => new()
    {
        { """{"channels":["web"]}""", "type", $"A rule needs a 'type', one of: {Types}.", "rule.type-missing" },
        { """{"type":"windw"}""", "type", $"Unknown rule type 'windw'; expected one of: {Types}.", "rule.unknown-type" },
        { """{"type":"allOf","rules":[]}""", "rules", "An allOf needs at least one rule in 'rules'.", "rule.rules-empty" },
        { """{"type":"anyOf"}""", "rules", "An anyOf needs at least one rule in 'rules'.", "rule.rules-empty" },
        { """{"type":"anyOf","rules":[null]}""", "rules[0]", "A rule must be an object, not null.", "rule.rule-missing" },
        { """{"type":"not"}""", "rule", "A not needs the excluded rule in 'rule'.", "rule.rule-missing" },
        { """{"type":"channel","channels":[]}""", "channels", "'channels' must list at least one channel.", "rule.channels-empty" },
        { """{"type":"channel"}""", "channels", "'channels' must list at least one channel.", "rule.channels-empty" },
        { """{"type":"category","categories":["food"," "]}""", "categories[1]", "A category must be a non-empty name.", "rule.name-blank" },
        { """{"type":"region","regions":[]}""", "regions", "'regions' must list at least one region.", "rule.regions-empty" },
        { """{"type":"hasSegment","segments":[]}""", "segments", "'segments' must list at least one segment.", "rule.segments-empty" },
        { """{"type":"lacksSegment","segments":[""]}""", "segments[0]", "A segment must be a non-empty name.", "rule.name-blank" },
        { """{"type":"minOrderAmount"}""", "minimum", "A minOrderAmount needs a 'minimum' such as {\"amount\":\"50.00\",\"currency\":\"CNY\"}.", "rule.minimum-missing" },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"ABC"}}""", "minimum.currency", "'ABC' is not an ISO 4217 currency code nor a defined custom unit.", "money.unknown-currency" },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00"}}""", "minimum.currency", "A currency code such as \"CNY\" is required.", "definition.required" },
        { """{"type":"minOrderAmount","minimum":{"amount":"fifty","currency":"CNY"}}""", "minimum.amount", "\"fifty\" is not a decimal amount such as \"1234.56\": write digits with an optional leading '-' and '.' as the decimal point.", "money.invalid-amount" },
        { """{"type":"minOrderAmount","minimum":{"amount":"-1.00","currency":"CNY"}}""", "minimum.amount", "The amount -1.00 must not be negative.", "money.invalid-amount" },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.001","currency":"CNY"}}""", "minimum.amount", "\"50.001\" has more decimal places than CNY allows (2).", "money.invalid-amount" },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"},"convert":true}""", "convert", "'convert' is true but the load options supply no currency conversion.", "rule.conversion-missing" },
        { """{"type":"accountAge"}""", "atLeast", "An accountAge needs 'atLeast', an ISO period such as \"P30D\".", "rule.period-missing" },
        { """{"type":"accountAge","atLeast":"30 days"}""", "atLeast", "'30 days' is not an ISO period such as \"P30D\".", "rule.period-invalid" },
        { """{"type":"accountAge","atLeast":"P-30D"}""", "atLeast", "The period P-30D must not be negative.", "rule.period-out-of-range" },
        { """{"type":"accountAge","atLeast":"P30D","zone":"Mars/Base"}""", "zone", "Unknown time zone 'Mars/Base'; use a TZDB id such as \"Asia/Shanghai\".", "rule.unknown-zone" },
        { """{"type":"newParticipant","within":"P0D"}""", "within", "The period P0D must be positive.", "rule.period-out-of-range" },
        { """{"type":"newParticipant","within":"P1Q"}""", "within", "'P1Q' is not an ISO period such as \"P30D\".", "rule.period-invalid" },
        { """{"type":"window","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""", "zone", "A window needs a 'zone', a TZDB id such as \"Asia/Shanghai\".", "rule.zone-missing" },
        { """{"type":"window","zone":"China/Beijing","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""", "zone", "Unknown time zone 'China/Beijing'; use a TZDB id such as \"Asia/Shanghai\".", "rule.unknown-zone" },
        { """{"type":"window","zone":"Asia/Shanghai","end":"2026-02-24T00:00"}""", "start", "A window needs a 'start', a local date-time such as \"2026-02-15T00:00\".", "rule.date-time-missing" },
        { """{"type":"window","zone":"Asia/Shanghai","start":"2026-02-30T00:00","end":"2026-02-24T00:00"}""", "start", "'2026-02-30T00:00' is not a local date-time such as \"2026-02-15T00:00\".", "rule.date-time-invalid" },
        { """{"type":"window","zone":"Asia/Shanghai","start":"2026-02-24T00:00","end":"2026-02-24T00:00"}""", "end", "The end 2026-02-24T00:00 must be after the start 2026-02-24T00:00.", "rule.end-not-after-start" },
        // 2026-03-08 02:00 EST -> 03:00 EDT in New York: 02:30 does not exist (US Energy Policy Act of 2005 rules, in TZDB).
        { """{"type":"window","zone":"America/New_York","start":"2026-03-08T02:30","end":"2026-03-09T00:00"}""", "start", "2026-03-08T02:30 does not exist in America/New_York: it falls in a daylight-saving gap.", "rule.date-time-not-unique" },
        // 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice.
        { """{"type":"window","zone":"America/New_York","start":"2026-10-31T00:00","end":"2026-11-01T01:30"}""", "end", "2026-11-01T01:30 is ambiguous in America/New_York: it occurs twice in a daylight-saving overlap.", "rule.date-time-not-unique" },
        { """{"type":"attribute","op":"exists"}""", "key", "An attribute rule needs a 'key'.", "rule.key-missing" },
        { """{"type":"attribute","key":"tier"}""", "op", "An attribute rule needs an 'op', one of: equals, notEquals, in, exists, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual.", "rule.op-missing" },
        { """{"type":"attribute","key":"tier","op":"between"}""", "op", "Unknown op 'between'; expected one of: equals, notEquals, in, exists, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual.", "rule.unknown-op" },
        { """{"type":"attribute","key":"tier","op":"equals"}""", "value", "The op 'equals' needs a 'value'.", "rule.value-missing" },
        { """{"type":"attribute","key":"orders","op":"lessThan","value":"three"}""", "value", "'three' is not a number such as \"3\" or \"12.5\".", "rule.value-not-a-number" },
        { """{"type":"attribute","key":"tier","op":"in","values":[]}""", "values", "'values' must list at least one value.", "rule.values-empty" },
        { """{"type":"custom"}""", "name", "A custom rule needs the 'name' it was registered under.", "rule.custom-name-missing" },
        { """{"type":"custom","name":"notFlaggedByRisk"}""", "name", "No custom rule named 'notFlaggedByRisk' is registered (no custom rules were supplied).", "rule.custom-unknown" },
    };

    [Theory]
    [MemberData(nameof(SingleErrors))]
    public void Each_invalid_definition_reports_its_path_message_and_code(string json, string path, string message, string code)
    {
        var error = Assert.Single(Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json)).Errors);

        Assert.Equal(path, error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_nested_path()
    {
        const string json = """
            {"type":"allOf","rules":[
              {"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"},
              {"type":"channel","channels":[]},
              {"type":"anyOf","rules":[
                {"type":"minOrderAmount","minimum":{"amount":"5x","currency":"ABC"}},
                {"type":"not","rule":{"type":"accountAge","atLeast":"P3X"}}
              ]},
              {"type":"teleport"}
            ]}
            """;

        var exception = Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json));

        Assert.Equal(
            ["rules[1].channels", "rules[2].rules[0].minimum.currency", "rules[2].rules[0].minimum.amount",
             "rules[2].rules[1].rule.atLeast", "rules[3].type"],
            exception.Errors.Select(e => e.PropertyName));
        Assert.StartsWith("The eligibility rule is invalid:\n  rules[1].channels: 'channels' must list at least one channel.\n", exception.Message);
    }

    [Fact]
    public void Thirty_two_levels_of_nesting_are_accepted()
    {
        var json = Nested(RuleDefinitionValidator.MaxDepth);

        Assert.IsType<NotRule>(EligibilityRuleJson.Load(json));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported_at_the_deepest_allowed_level()
    {
        var json = Nested(RuleDefinitionValidator.MaxDepth + 1);

        var error = Assert.Single(Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json)).Errors);

        Assert.Equal(string.Join(".", Enumerable.Repeat("rule", RuleDefinitionValidator.MaxDepth)), error.PropertyName);
        Assert.Equal("Rules are nested more than 32 levels deep.", error.ErrorMessage);
        Assert.Equal(RuleErrorCodes.TooDeep, error.ErrorCode);
    }

    [Fact]
    public void An_unknown_custom_rule_lists_the_registered_names()
    {
        var options = new EligibilityRuleLoadOptions
        {
            CustomRules = new CustomRuleRegistry(
                new CustomRule("b", "b.failed", "B failed.", _ => true), new CustomRule("a", "a.failed", "A failed.", _ => true)),
        };

        var error = Assert.Single(Assert.Throws<ValidationException>(
            () => EligibilityRuleJson.Load("""{"type":"custom","name":"c"}""", options)).Errors);

        Assert.Equal("No custom rule named 'c' is registered; registered: a, b.", error.ErrorMessage);
    }

    [Fact]
    public void The_validator_is_usable_on_its_own()
    {
        var definition = EligibilityRuleJson.Deserialize("""{"type":"channel","channels":["web",""]}""");

        var result = new RuleDefinitionValidator().Validate(definition);

        Assert.Equal("channels[1]", Assert.Single(result.Errors).PropertyName);
    }

    [Theory]
    // Wrong JSON kinds, an unknown property (a typo of "zone"), bad syntax and null: all read through the shared DefinitionJson rules.
    [InlineData("""{"type":"channel","channels":"web"}""", "channels")]
    [InlineData("""{"type":"channel","channels":5}""", "channels")]
    [InlineData("""{"type":"allOf","rules":[{"type":"channel","channels":["web"]},{"type":"region","regions":{"CN":true}}]}""", "rules[1].regions")]
    [InlineData("""{"type":"newParticipant","within":"P7D","zon":"Asia/Shanghai"}""", "zon")]
    [InlineData("""{"type":"not","rule":{"type":"region","regions":["CN"],"region":"CN"}}""", "rule.region")]
    [InlineData("""{"type":"channel","channels":["web"]""", "")]
    [InlineData("null", "")]
    public void Unreadable_JSON_is_a_validation_error_with_its_path_and_the_json_code(string json, string path)
    {
        var exception = Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json));
        var error = Assert.Single(exception.Errors);

        Assert.Equal(DefinitionErrorCodes.InvalidJson, error.ErrorCode);
        Assert.Equal(path, error.PropertyName);
        Assert.StartsWith("The eligibility rule is invalid:\n  " + path + ": ", exception.Message);
    }

    [Fact]
    public void A_null_text_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => EligibilityRuleJson.Load(null!));

    [Fact]
    public void Every_validation_failure_carries_a_kebab_case_code_never_a_FluentValidation_default()
    {
        const string json = """
            {"type":"allOf","rules":[
              {"type":"window","zone":"Mars/Base","start":"x","end":"2026-02-24T00:00"},
              {"type":"channel","channels":[]},
              {"type":"category","categories":[""]},
              {"type":"minOrderAmount","minimum":{"amount":"5x","currency":"ABC"},"convert":true},
              {"type":"not","rule":{"type":"accountAge","atLeast":"P3X"}},
              {"type":"newParticipant","within":"P0D","zone":"X/Y"},
              {"type":"attribute","key":"","op":"lessThan","value":"x"},
              {"type":"custom"},
              {"type":"anyOf","rules":[null]},
              {"type":"not"},
              {"type":"window","window":{"zone":"Asia/Shanghai","start":"2026-02-15","days":0},"zone":"Asia/Shanghai"},
              {}
            ]}
            """;

        var errors = Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json)).Errors.ToList();

        Assert.True(errors.Count >= 15, string.Join("\n", errors.Select(e => e.PropertyName + " " + e.ErrorCode)));
        // Rule, money and the nested window's Time codes all follow the one scheme.
        Assert.All(errors, e => Assert.Matches("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$", e.ErrorCode));
        Assert.DoesNotContain(errors, e => e.ErrorCode.EndsWith("Validator", StringComparison.Ordinal));
    }

    /// <summary><paramref name="levels"/> levels: nots around a channel rule.</summary>
    private static string Nested(int levels)
    {
        var json = """{"type":"channel","channels":["web"]}""";
        for (var i = 1; i < levels; i++)
        {
            json = """{"type":"not","rule":""" + json + "}";
        }

        return json;
    }
}
