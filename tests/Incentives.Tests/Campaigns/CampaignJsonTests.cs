using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Incentives.Time;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class CampaignJsonTests
{
    /// <summary>docs/engine.md "JSON": a programme with one budget and two campaigns.</summary>
    public const string Programme = """
        {
          "budgets": [
            { "id": "fest",
              "tree": { "nodes": [
                { "id": "fest", "limit": { "amount": "100.00", "currency": "CNY" } },
                { "id": "fest/app", "limit": { "amount": "60.00", "currency": "CNY" } },
                { "id": "fest/web", "limit": { "amount": "60.00", "currency": "CNY" } }
              ] } }
          ],
          "campaigns": [
            { "id": "lunch",
              "name": "Lunch red envelopes",
              "currency": "CNY",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3,
                          "slots": [ { "start": "11:00", "end": "14:00" } ] },
              "rule": { "type": "channel", "channels": ["app", "web"] },
              "reward": { "type": "fixed", "amount": { "amount": "8.88", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/{channel}" },
              "hold": "PT30M",
              "priority": 10,
              "stacking": "exclusive" },
            { "id": "web-bonus",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
              "reward": { "type": "fixed", "amount": { "amount": "1.00", "currency": "CNY" } },
              "budget": { "id": "fest", "map": [ { "channel": "web", "path": "fest/web" } ] },
              "stacking": "stackable" }
          ]
        }
        """;

    [Fact]
    public async Task A_programme_loads_into_campaigns_and_budgets_an_engine_runs()
    {
        var programme = CampaignProgrammeJson.Load(Programme);
        using var engine = new CampaignEngine(programme, new FakeClock(Day(1)));

        var lunch = programme.Campaigns[0];
        Assert.Equal(("lunch", "Lunch red envelopes", 10, StackingMode.Exclusive, Duration.FromMinutes(30)), (lunch.Id, lunch.Name, lunch.Priority, lunch.Stacking, lunch.Hold));
        Assert.IsType<SlotSchedule>(lunch.Schedule);
        Assert.Equal("fest/web", programme.Campaigns[1].Route.Resolve("web", null));
        var result = await engine.ClaimAsync(Claim(channel: "app", at: Day(1, 12)), "k1");
        Assert.Equal(("lunch", "fest/app", Cny(8.88m)), (result.Grant.CampaignId, result.Grant.NodePath, result.Grant.Amount));
    }

    [Fact]
    public void A_programme_loads_from_a_stream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Programme));

        Assert.Equal(2, CampaignProgrammeJson.Load(stream).Campaigns.Count);
    }

    [Fact]
    public void An_invalid_programme_reports_every_problem_with_its_path_and_code()
    {
        // Each part's own failures come first, then the checks of the campaigns against the budgets.
        var e = Assert.Throws<ValidationException>(() => CampaignProgrammeJson.Load("""
            {
              "budgets": [
                { "id": "fest", "tree": { "nodes": [ { "id": "fest", "limit": { "amount": "100", "currency": "CNY" } },
                                                     { "id": "fest/app", "limit": { "amount": "50", "currency": "CNY" } } ] } },
                { "id": "fest", "tree": { "nodes": [ { "id": "other", "limit": { "amount": "1", "currency": "CNY" } } ] } }
              ],
              "campaigns": [
                { "id": "Bad Id",
                  "window": { "zone": "Asia/Beijing", "start": "2026-02-15", "days": 3 },
                  "reward": { "type": "fixed", "amount": { "amount": "1", "currency": "CNY" } },
                  "budget": { "id": "fest", "path": "fest" } },
                { "id": "usd",
                  "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
                  "reward": { "type": "fixed", "amount": { "amount": "1", "currency": "USD" } },
                  "budget": { "id": "fest", "path": "fest/{channel}" },
                  "rule": { "type": "channel", "channels": ["app", "web"] } },
                { "id": "usd",
                  "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
                  "reward": { "type": "fixed", "amount": { "amount": "1", "currency": "CNY" } },
                  "budget": { "id": "nowhere", "path": "fest" },
                  "hold": "P1M",
                  "stacking": "greedy" }
              ]
            }
            """));

        Assert.Equal(
            new[]
            {
                ("budgets[1].id", CampaignErrorCodes.DuplicateBudgetId),
                ("campaigns[0].id", CampaignErrorCodes.InvalidId),
                ("campaigns[0].window.zone", "time.unknown-zone"),
                ("campaigns[2].id", CampaignErrorCodes.DuplicateId),
                ("campaigns[2].hold", CampaignErrorCodes.InvalidHold),
                ("campaigns[2].stacking", CampaignErrorCodes.InvalidStacking),
                ("campaigns[1].reward", CampaignErrorCodes.CurrencyMismatch),
                ("campaigns[1].budget.path", CampaignErrorCodes.UnknownNode),
            },
            e.Errors.Select(f => (f.PropertyName, f.ErrorCode)));
        Assert.Contains("campaigns[1].budget.path: For channel 'web'", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_campaign_on_an_unknown_budget_is_reported()
    {
        var definition = CampaignProgrammeJson.Deserialize(Programme);
        definition.Campaigns![1]!.Budget!.Id = "elsewhere";

        var result = new CampaignProgrammeDefinitionValidator().TestValidate(definition);

        result.ShouldHaveValidationErrorFor("campaigns[1].budget.id").WithErrorCode(CampaignErrorCodes.UnknownBudget);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_malformed_document_is_one_json_failure_with_its_path()
    {
        var e = Assert.Throws<ValidationException>(() => CampaignJson.Load("""{ "id": "x", "priority": "high" }"""));

        var failure = Assert.Single(e.Errors);
        Assert.Equal(("priority", "json.invalid"), (failure.PropertyName, failure.ErrorCode));
    }

    [Fact]
    public void A_single_campaign_is_validated_alone_and_against_budgets_when_given()
    {
        const string json = """
            { "id": "lunch",
              "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3 },
              "reward": { "type": "fixed", "amount": { "amount": "1", "currency": "CNY" } },
              "budget": { "id": "fest", "path": "fest/{channel}/{category}" },
              "rule": { "type": "allOf", "rules": [ { "type": "channel", "channels": ["app"] }, { "type": "category", "categories": ["food", "toys"] } ] } }
            """;

        var alone = CampaignJson.Load(json);
        var e = Assert.Throws<ValidationException>(() => CampaignJson.Load(json, new System.Collections.Generic.Dictionary<string, Incentives.Budgets.BudgetTree> { ["fest"] = Tree() }));

        Assert.Equal("lunch", alone.Id);
        var failure = Assert.Single(e.Errors);
        Assert.Equal(("budget.path", CampaignErrorCodes.UnknownNode), (failure.PropertyName, failure.ErrorCode));
        Assert.Contains("'fest/app/toys'", failure.ErrorMessage, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_reaching_outside_the_budget_window_and_a_bad_template_are_reported()
    {
        var longer = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 5, Shanghai);
        var campaign = Fixed("long", 1m).During(longer).DrawingFrom("fest", "fest/{region}").Build();

        var e = Assert.Throws<ValidationException>(() => Engine(campaign));

        Assert.Equal(
            new[] { ("campaigns[0].budget.path", CampaignErrorCodes.InvalidTemplate), ("campaigns[0].window", CampaignErrorCodes.WindowOutsideBudget) },
            e.Errors.Select(f => (f.PropertyName, f.ErrorCode)));
    }

    [Fact]
    public void A_definition_serializes_back_to_json_that_loads_the_same_campaigns()
    {
        var definition = CampaignProgrammeJson.Deserialize(Programme);

        var again = CampaignProgrammeJson.Load(CampaignProgrammeJson.Serialize(definition));

        Assert.Equal(new[] { "lunch", "web-bonus" }, again.Campaigns.Select(c => c.Id));
        Assert.Contains("\"stacking\": \"stackable\"", CampaignJson.Serialize(definition.Campaigns![1]!), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_whose_slots_never_occur_in_the_window_is_reported()
    {
        var outside = SlotSchedule.Create(Festival, DailySlot.OnDate(new LocalDate(2026, 3, 1), new LocalTime(20, 0), new LocalTime(22, 0)));
        var campaign = Fixed("never", 1m).During(outside).Build();

        var e = Assert.Throws<ValidationException>(() => Engine(campaign));

        var failure = Assert.Single(e.Errors);
        Assert.Equal(("campaigns[0].window.slots", CampaignErrorCodes.NoSlotLeft), (failure.PropertyName, failure.ErrorCode));
    }
}
