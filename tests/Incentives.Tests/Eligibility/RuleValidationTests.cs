using System;
using System.Linq;
using System.Text.Json;
using FluentValidation;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;

namespace Incentives.Tests.Eligibility;

/// <summary>Each validation error of the JSON form, with its exact path and message.</summary>
public sealed class RuleValidationTests
{
    private const string Types =
        "allOf, anyOf, not, window, channel, category, region, minOrderAmount, newParticipant, accountAge, hasSegment, lacksSegment, attribute, custom";

    public static TheoryData<string, string, string> SingleErrors => new()
    {
        { """{"channels":["web"]}""", "type", $"A rule needs a 'type', one of: {Types}." },
        { """{"type":"windw"}""", "type", $"Unknown rule type 'windw'; expected one of: {Types}." },
        { """{"type":"allOf","rules":[]}""", "rules", "An allOf needs at least one rule in 'rules'." },
        { """{"type":"anyOf"}""", "rules", "An anyOf needs at least one rule in 'rules'." },
        { """{"type":"anyOf","rules":[null]}""", "rules[0]", "A rule must be an object, not null." },
        { """{"type":"not"}""", "rule", "A not needs the excluded rule in 'rule'." },
        { """{"type":"channel","channels":[]}""", "channels", "'channels' must list at least one channel." },
        { """{"type":"channel"}""", "channels", "'channels' must list at least one channel." },
        { """{"type":"category","categories":["food"," "]}""", "categories[1]", "A category must be a non-empty name." },
        { """{"type":"region","regions":[]}""", "regions", "'regions' must list at least one region." },
        { """{"type":"hasSegment","segments":[]}""", "segments", "'segments' must list at least one segment." },
        { """{"type":"lacksSegment","segments":[""]}""", "segments[0]", "A segment must be a non-empty name." },
        { """{"type":"minOrderAmount"}""", "minimum", "A minOrderAmount needs a 'minimum' such as {\"amount\":\"50.00\",\"currency\":\"CNY\"}." },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"ABC"}}""", "minimum.currency", "'ABC' is not an ISO 4217 currency code nor a defined custom unit." },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00"}}""", "minimum.currency", "A currency code such as \"CNY\" is required." },
        { """{"type":"minOrderAmount","minimum":{"amount":"fifty","currency":"CNY"}}""", "minimum.amount", "\"fifty\" is not a decimal amount such as \"1234.56\": write digits with an optional leading '-' and '.' as the decimal point." },
        { """{"type":"minOrderAmount","minimum":{"amount":"-1.00","currency":"CNY"}}""", "minimum.amount", "The amount -1.00 must not be negative." },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.001","currency":"CNY"}}""", "minimum.amount", "\"50.001\" has more decimal places than CNY allows (2)." },
        { """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"},"convert":true}""", "convert", "'convert' is true but the load options supply no currency conversion." },
        { """{"type":"accountAge"}""", "atLeast", "An accountAge needs 'atLeast', an ISO period such as \"P30D\"." },
        { """{"type":"accountAge","atLeast":"30 days"}""", "atLeast", "'30 days' is not an ISO period such as \"P30D\"." },
        { """{"type":"accountAge","atLeast":"P-30D"}""", "atLeast", "The period P-30D must not be negative." },
        { """{"type":"accountAge","atLeast":"P30D","zone":"Mars/Base"}""", "zone", "Unknown time zone 'Mars/Base'; use a TZDB id such as \"Asia/Shanghai\"." },
        { """{"type":"newParticipant","within":"P0D"}""", "within", "The period P0D must be positive." },
        { """{"type":"newParticipant","within":"P1Q"}""", "within", "'P1Q' is not an ISO period such as \"P30D\"." },
        { """{"type":"window","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""", "zone", "A window needs a 'zone', a TZDB id such as \"Asia/Shanghai\"." },
        { """{"type":"window","zone":"China/Beijing","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""", "zone", "Unknown time zone 'China/Beijing'; use a TZDB id such as \"Asia/Shanghai\"." },
        { """{"type":"window","zone":"Asia/Shanghai","end":"2026-02-24T00:00"}""", "start", "A window needs a 'start', a local date-time such as \"2026-02-15T00:00\"." },
        { """{"type":"window","zone":"Asia/Shanghai","start":"2026-02-30T00:00","end":"2026-02-24T00:00"}""", "start", "'2026-02-30T00:00' is not a local date-time such as \"2026-02-15T00:00\"." },
        { """{"type":"window","zone":"Asia/Shanghai","start":"2026-02-24T00:00","end":"2026-02-24T00:00"}""", "end", "The end 2026-02-24T00:00 must be after the start 2026-02-24T00:00." },
        // 2026-03-08 02:00 EST -> 03:00 EDT in New York: 02:30 does not exist (US Energy Policy Act of 2005 rules, in TZDB).
        { """{"type":"window","zone":"America/New_York","start":"2026-03-08T02:30","end":"2026-03-09T00:00"}""", "start", "2026-03-08T02:30 does not exist in America/New_York: it falls in a daylight-saving gap." },
        // 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice.
        { """{"type":"window","zone":"America/New_York","start":"2026-10-31T00:00","end":"2026-11-01T01:30"}""", "end", "2026-11-01T01:30 is ambiguous in America/New_York: it occurs twice in a daylight-saving overlap." },
        { """{"type":"attribute","op":"exists"}""", "key", "An attribute rule needs a 'key'." },
        { """{"type":"attribute","key":"tier"}""", "op", "An attribute rule needs an 'op', one of: equals, notEquals, in, exists, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual." },
        { """{"type":"attribute","key":"tier","op":"between"}""", "op", "Unknown op 'between'; expected one of: equals, notEquals, in, exists, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual." },
        { """{"type":"attribute","key":"tier","op":"equals"}""", "value", "The op 'equals' needs a 'value'." },
        { """{"type":"attribute","key":"orders","op":"lessThan","value":"three"}""", "value", "'three' is not a number such as \"3\" or \"12.5\"." },
        { """{"type":"attribute","key":"tier","op":"in","values":[]}""", "values", "'values' must list at least one value." },
        { """{"type":"custom"}""", "name", "A custom rule needs the 'name' it was registered under." },
        { """{"type":"custom","name":"notFlaggedByRisk"}""", "name", "No custom rule named 'notFlaggedByRisk' is registered (no custom rules were supplied)." },
    };

    [Theory]
    [MemberData(nameof(SingleErrors))]
    public void Each_invalid_definition_reports_its_path_and_message(string json, string path, string message)
    {
        var error = Assert.Single(Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json)).Errors);

        Assert.Equal(path, error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
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

    [Fact]
    public void Malformed_JSON_is_a_JsonException_not_a_validation_error()
    {
        Assert.ThrowsAny<JsonException>(() => EligibilityRuleJson.Load("""{"type":"channel","channels":"web"}"""));
        Assert.ThrowsAny<JsonException>(() => EligibilityRuleJson.Load("null"));
        Assert.Throws<ArgumentNullException>(() => EligibilityRuleJson.Load(null!));
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
