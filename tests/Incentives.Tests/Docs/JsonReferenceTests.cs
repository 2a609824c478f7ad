using System.Linq;
using System.Threading.Tasks;
using FluentValidation;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Incentives.Claims;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.Tests.Docs;

/// <summary>The complete example of docs/json-reference.md: every definition type in one programme document.</summary>
public sealed class JsonReferenceTests
{
    /// <summary>docs/json-reference.md "A complete example".</summary>
    public const string Complete = """
        {
          // Budgets: one tree per id; a tree is the money (limits, pacing, caps) of one currency.
          "budgets": [
            { "id": "fest",
              "tree": {
                "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9 },
                "nodes": [
                  { "id": "fest", "limit": { "amount": "100000.00", "currency": "CNY" },
                    "pacing": { "split": "weighted", "weights": [10, 25, 15, 10, 10, 10, 8, 6, 6], "rollOver": true },
                    "caps": { "maxAmountPerCampaign": { "amount": "500.00", "currency": "CNY" }, "maxGrantsPerDay": 5 } },
                  { "id": "fest/app", "limit": { "amount": "60000.00", "currency": "CNY" },
                    "pacing": { "split": "even", "withinDay": "linear" } },
                  { "id": "fest/app/food", "limit": { "amount": "40000.00", "currency": "CNY" } },
                  { "id": "fest/web", "limit": { "amount": "40000.00", "currency": "CNY" } }
                ] } }
          ],
          "campaigns": [
            { "id": "lunch",
              "name": "Lunch red envelopes",
              "currency": "CNY",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9,
                          "slots": [ { "start": "11:00", "end": "14:00", "excludedDates": ["2026-02-16"] } ] },
              "rule": { "type": "allOf", "rules": [
                  { "type": "channel", "channels": ["app"] },
                  { "type": "category", "categories": ["food"] },
                  { "type": "lacksSegment", "segments": ["blocked"] } ] },
              "reward": { "type": "redEnvelope",
                          "total": { "amount": "10000.00", "currency": "CNY" }, "count": 2000,
                          "minimum": { "amount": "1.00", "currency": "CNY" }, "maximum": { "amount": "20.00", "currency": "CNY" },
                          "algorithm": "doubleMean", "luckyAmounts": true, "seed": 20260215 },
              "budget": { "id": "fest", "path": "fest/{channel}/{category}", "fallback": "fest/app" },
              "hold": "PT30M",
              "priority": 10,
              "stacking": "exclusive" },
            { "id": "spend-more",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15T00:00", "end": "2026-02-24T00:00" },
              "rule": { "type": "anyOf", "rules": [
                  { "type": "hasSegment", "segments": ["vip"] },
                  { "type": "minOrderAmount", "minimum": { "amount": "100.00", "currency": "CNY" } } ] },
              "reward": { "type": "tiered", "tiers": [
                  { "minimumOrder": { "amount": "100.00", "currency": "CNY" }, "reward": { "amount": "8.00", "currency": "CNY" } },
                  { "minimumOrder": { "amount": "300.00", "currency": "CNY" }, "reward": { "amount": "30.00", "currency": "CNY" } } ] },
              "budget": { "id": "fest", "map": [ { "channel": "web", "path": "fest/web" }, { "channel": "app", "path": "fest/app" } ] },
              "stacking": "stackable" },
            { "id": "newcomers",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "P9D" },
              "rule": { "type": "allOf", "rules": [
                  { "type": "region", "regions": ["CN", "HK"] },
                  { "type": "newParticipant", "zone": "Asia/Shanghai", "within": "P30D" } ] },
              "reward": { "type": "percentage", "currency": "CNY", "percent": 8, "rounding": "toZero",
                          "floor": { "amount": "1.00", "currency": "CNY" }, "cap": { "amount": "50.00", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/{channel}" },
              "stacking": "stackable" },
            { "id": "eve-night",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-16T20:00", "end": "2026-02-17T02:00",
                          "timeReference": "participant" },
              "rule": { "type": "not", "rule": { "type": "accountAge", "atLeast": "P10Y" } },
              "reward": { "type": "randomRange", "minimum": { "amount": "1.00", "currency": "CNY" }, "maximum": { "amount": "8.88", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/web" },
              "priority": -1,
              "stacking": "bestForParticipant" },
            { "id": "welcome",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9 },
              "rule": { "type": "attribute", "key": "tier", "op": "equals", "value": "gold" },
              "reward": { "type": "fixed", "amount": { "amount": "5.00", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/web" },
              "priority": -5 }
          ]
        }
        """;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Fact]
    public async Task The_complete_example_loads_and_its_campaigns_claim()
    {
        // docs/json-reference.md "A complete example"
        var programme = CampaignProgrammeJson.Load(Complete);
        var noon = new LocalDateTime(2026, 2, 15, 12, 0).InZoneStrictly(Shanghai).ToInstant();
        using var engine = new CampaignEngine(programme, new FakeClock(noon));

        var claim = new Claim(new Participant("alice") { Region = "CN", SignedUpAt = noon - Duration.FromDays(3) }, noon, "app")
        {
            Category = "food",
            OrderAmount = Money.FromDecimal(320m, Currency.CNY),
        };
        var result = await engine.ClaimAsync(claim, "order-1");

        Assert.Equal(new[] { "lunch", "spend-more", "welcome", "newcomers", "eve-night" }.Order(), programme.Campaigns.Select(c => c.Id).Order());
        Assert.Equal(new[] { "lunch" }, result.Grants.Select(g => g.CampaignId)); // exclusive, priority 10: it alone is granted
        Assert.Equal("fest/app/food", result.Grant.NodePath);
        Assert.Contains(result.Denials, d => d.CampaignId == "spend-more" && d.Code == ClaimDenialCodes.NotSelected);
    }

    [Fact]
    public void The_complete_example_round_trips_through_its_definition()
    {
        var definition = CampaignProgrammeJson.Deserialize(Complete);
        var again = CampaignProgrammeJson.Load(CampaignProgrammeJson.Serialize(definition));

        Assert.Equal(5, again.Campaigns.Count);
        Assert.Equal("fest", Assert.Single(again.Budgets).Key);
    }

    [Fact]
    public void An_invalid_document_reports_every_problem_with_its_path_and_code()
    {
        // docs/json-reference.md "Errors"
        const string Json = """
            {
              "budgets": [ { "id": "fest", "tree": { "nodes": [ { "id": "fest", "limit": { "amount": "-1", "currency": "CNY" } } ] } } ],
              "campaigns": [
                { "id": "Lunch!", "window": { "zone": "Asia/Beijing", "start": "2026-02-15", "days": 9 },
                  "rule": { "type": "channel", "channels": [] },
                  "reward": { "type": "fixed", "amount": { "amount": "8.88", "currency": "XYZ" } },
                  "budget": { "id": "fest", "path": "fest" }, "hold": "soon" } ]
            }
            """;

        var e = Assert.Throws<ValidationException>(() => CampaignProgrammeJson.Load(Json));

        var failures = e.Errors.Select(f => (f.PropertyName, f.ErrorCode)).ToList();
        Assert.Contains(("budgets[0].tree.nodes[0].limit.amount", "money.invalid-amount"), failures);
        Assert.Contains(("campaigns[0].id", "campaign.invalid-id"), failures);
        Assert.Contains(("campaigns[0].window.zone", "time.unknown-zone"), failures);
        Assert.Contains(("campaigns[0].rule.channels", "rule.channels-empty"), failures);
        Assert.Contains(("campaigns[0].reward.amount.currency", "money.unknown-currency"), failures);
        Assert.Contains(("campaigns[0].hold", "campaign.invalid-hold"), failures);
    }
}
