using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Incentives.WebApi.Tests;

public sealed class WebApiTests : System.IDisposable
{
    private const string FoodAtLunch = """
        { "participant": { "id": "alice", "region": "CN", "homeZone": "Asia/Shanghai" },
          "channel": "app", "category": "food",
          "orderAmount": { "amount": "88.00", "currency": "CNY" } }
        """;

    private readonly ApiFactory factory = new();
    private readonly HttpClient client;

    public WebApiTests() => client = factory.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task A_claim_at_lunch_is_granted_from_the_JSON_programme()
    {
        var (status, body) = await Claim(FoodAtLunch, "order-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("granted").GetBoolean());
        Assert.False(body.GetProperty("replay").GetBoolean());
        var grant = Assert.Single(body.GetProperty("grants").EnumerateArray());
        Assert.StartsWith("lunch:", grant.GetProperty("id").GetString(), System.StringComparison.Ordinal);
        Assert.Equal("fest/app/food", grant.GetProperty("nodePath").GetString());
        Assert.Equal(("8.88", "CNY"), Money(grant.GetProperty("amount")));
        Assert.Equal("2026-02-15T04:00:00Z", grant.GetProperty("reservedAt").GetString());
        Assert.Equal("2026-02-15T04:30:00Z", grant.GetProperty("expiresAt").GetString()); // the campaign's hold is PT30M
        // The festival campaign applied too but lunch (priority 10, exclusive) was chosen.
        Assert.Equal("stacking.not-selected", Assert.Single(body.GetProperty("denials").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_percentage_reward_is_capped_and_drawn_from_the_channel_node()
    {
        var (_, body) = await Claim("""
            { "participant": { "id": "bob" }, "channel": "web", "category": "leisure",
              "orderAmount": { "amount": "300.00", "currency": "CNY" } }
            """, "order-2");

        var grant = Assert.Single(body.GetProperty("grants").EnumerateArray());
        Assert.Equal("festival", grant.GetProperty("campaignId").GetString());
        Assert.Equal("fest/web", grant.GetProperty("nodePath").GetString());
        Assert.Equal(("20.00", "CNY"), Money(grant.GetProperty("amount"))); // 10 % of 300.00 = 30.00, capped at 20.00
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_grant_and_reserves_once()
    {
        var (_, first) = await Claim(FoodAtLunch, "order-1");
        var (status, second) = await Claim(FoodAtLunch, "order-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(second.GetProperty("replay").GetBoolean());
        Assert.Equal(GrantId(first), GrantId(second));
        var food = await Node("fest/app/food");
        Assert.Equal(("8.88", "CNY"), Money(food.GetProperty("reserved")));
    }

    [Fact]
    public async Task A_key_reused_by_another_participant_is_a_conflict()
    {
        await Claim(FoodAtLunch, "order-1");
        var (status, body) = await Claim(FoodAtLunch.Replace("alice", "mallory", System.StringComparison.Ordinal), "order-1");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.False(body.GetProperty("granted").GetBoolean());
        Assert.Equal("claim.key-conflict", Assert.Single(body.GetProperty("denials").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_denied_claim_is_a_normal_answer_with_its_reasons()
    {
        // 2026-03-01 is after the nine festival days: both campaigns deny with window.ended.
        var (status, body) = await Claim(FoodAtLunch.Replace("\"channel\"", "\"at\": \"2026-03-01T04:00:00Z\", \"channel\"", System.StringComparison.Ordinal), "late-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("granted").GetBoolean());
        Assert.Empty(body.GetProperty("grants").EnumerateArray());
        Assert.Equal(
            new[] { ("festival", "window.ended"), ("lunch", "window.ended") },
            body.GetProperty("denials").EnumerateArray().Select(d => (d.GetProperty("campaignId").GetString()!, d.GetProperty("code").GetString()!)).OrderBy(d => d.Item1));
    }

    [Fact]
    public async Task Commit_moves_the_grant_from_reserved_to_committed()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);
        factory.Clock.AdvanceMinutes(5);

        var (status, body) = await Post($"/grants/{id}/commit", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("commit", body.GetProperty("operation").GetString());
        Assert.Equal(("8.88", "CNY"), Money(body.GetProperty("amount")));
        var food = await Node("fest/app/food");
        Assert.Equal((("0.00", "CNY"), ("8.88", "CNY")), (Money(food.GetProperty("reserved")), Money(food.GetProperty("committed"))));
    }

    [Fact]
    public async Task A_partial_commit_returns_the_rest_to_the_budget()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);

        var (status, body) = await Post($"/grants/{id}/commit", """{ "amount": { "amount": "5.00", "currency": "CNY" } }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("5.00", "CNY"), Money(body.GetProperty("amount")));
        Assert.Equal(("3.88", "CNY"), Money(body.GetProperty("returned")));
        Assert.Equal(("395.00", "CNY"), Money((await Node("fest/app/food")).GetProperty("available"))); // 400.00 - 5.00
    }

    [Fact]
    public async Task Release_returns_the_grant_and_a_commit_after_it_is_a_conflict()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);

        var (released, _) = await Post($"/grants/{id}/release", null);
        var (again, replay) = await Post($"/grants/{id}/release", null);
        var (commit, problem) = await Post($"/grants/{id}/commit", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (released, again));
        Assert.True(replay.GetProperty("replay").GetBoolean()); // releasing twice is a retry, not an error
        Assert.Equal(("400.00", "CNY"), Money((await Node("fest/app/food")).GetProperty("available")));
        Assert.Equal(HttpStatusCode.Conflict, commit);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("ledger.", problem.GetProperty("code").GetString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hold_not_committed_in_time_cannot_be_committed_and_a_committed_grant_cannot_be_released()
    {
        var late = GrantId((await Claim(FoodAtLunch, "order-1")).Body);
        var paid = GrantId((await Claim(FoodAtLunch.Replace("alice", "carol", System.StringComparison.Ordinal), "order-2")).Body);
        await Post($"/grants/{paid}/commit", null);
        factory.Clock.AdvanceMinutes(31); // the lunch campaign holds for 30 minutes

        var (expired, expiredProblem) = await Post($"/grants/{late}/commit", null);
        var (release, releaseProblem) = await Post($"/grants/{paid}/release", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (expired, release));
        Assert.Equal("ledger.reservation-expired", expiredProblem.GetProperty("code").GetString());
        Assert.StartsWith("ledger.", releaseProblem.GetProperty("code").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(("8.88", "CNY"), Money((await Node("fest/app/food")).GetProperty("committed")));
    }

    [Fact]
    public async Task A_refund_after_commit_gives_money_back_once_per_key()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);
        await Post($"/grants/{id}/commit", null);
        const string Refund = """{ "amount": { "amount": "2.00", "currency": "CNY" } }""";

        var (status, body) = await Post($"/grants/{id}/refund", Refund, "refund-1");
        var (retried, replay) = await Post($"/grants/{id}/refund", Refund, "refund-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, retried));
        Assert.Equal(("2.00", "CNY"), Money(body.GetProperty("amount")));
        Assert.True(replay.GetProperty("replay").GetBoolean());
        Assert.Equal(("6.88", "CNY"), Money((await Node("fest/app/food")).GetProperty("committed")));
    }

    [Fact]
    public async Task A_claim_without_an_idempotency_key_is_a_bad_request_with_problem_details()
    {
        var (status, problem, type) = await Send("/claims", FoodAtLunch, key: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(new[] { "header.required" }, Codes(problem, "Idempotency-Key"));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_with_problem_details()
    {
        var (status, problem, type) = await Send("/claims", """{ "participant": { "id": "alice" }, "channel": """, "k1");

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, type));
        Assert.Equal("json.invalid", Assert.Single(problem.GetProperty("codes").EnumerateObject()).Value[0].GetString());
    }

    [Fact]
    public async Task Every_problem_of_a_claim_is_reported_at_once_with_its_path_and_code()
    {
        var (status, problem, _) = await Send("/claims", """
            { "participant": { "id": " ", "homeZone": "Mars/Olympus", "signedUpAt": "yesterday" },
              "orderAmount": { "amount": "-5.00", "currency": "XYZ" }, "at": "noon" }
            """, "k1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(new[] { "definition.required" }, Codes(problem, "participant.id"));
        Assert.Equal(new[] { "definition.required" }, Codes(problem, "channel"));
        Assert.Equal(new[] { "money.unknown-currency" }, Codes(problem, "orderAmount.currency"));
        Assert.Equal(new[] { "time.invalid-instant" }, Codes(problem, "at"));
        Assert.Equal(new[] { "time.invalid-instant" }, Codes(problem, "participant.signedUpAt"));
        Assert.Equal(new[] { "time.unknown-zone" }, Codes(problem, "participant.homeZone"));
        Assert.True(problem.GetProperty("errors").TryGetProperty("participant.homeZone", out _));
    }

    [Fact]
    public async Task A_negative_order_amount_is_a_bad_request()
    {
        var (status, problem, _) = await Send("/claims", FoodAtLunch.Replace("88.00", "-88.00", System.StringComparison.Ordinal), "k1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(new[] { "money.invalid-amount" }, Codes(problem, "orderAmount.amount"));
    }

    [Fact]
    public async Task Commit_amounts_in_another_currency_or_not_positive_are_bad_requests()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);

        var (usd, usdProblem) = await Post($"/grants/{id}/commit", """{ "amount": { "amount": "1.00", "currency": "USD" } }""");
        var (zero, zeroProblem) = await Post($"/grants/{id}/commit", """{ "amount": { "amount": "0", "currency": "CNY" } }""");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (usd, zero));
        Assert.Equal(new[] { "money.currency-mismatch" }, Codes(usdProblem, "amount.currency"));
        Assert.Equal(new[] { "money.invalid-amount" }, Codes(zeroProblem, "amount.amount"));
    }

    [Theory]
    [InlineData("lunch:R999")]
    [InlineData("nope:R1")]
    [InlineData("not-a-grant")]
    public async Task An_unknown_grant_is_not_found_with_problem_details(string id)
    {
        var (status, problem, type) = await Send($"/grants/{id}/commit", null, key: null);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, type));
        Assert.Equal("ledger.unknown-reservation", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_refund_needs_an_idempotency_key_and_an_amount()
    {
        var id = GrantId((await Claim(FoodAtLunch, "order-1")).Body);

        var (status, problem, _) = await Send($"/grants/{id}/refund", "{}", key: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(new[] { "header.required" }, Codes(problem, "Idempotency-Key"));
        Assert.Equal(new[] { "definition.required" }, Codes(problem, "amount"));
    }

    [Fact]
    public async Task Campaigns_lists_the_programme()
    {
        var campaigns = JsonDocument.Parse(await client.GetStringAsync(new System.Uri("/campaigns", System.UriKind.Relative))).RootElement;

        Assert.Equal(
            new[] { ("festival", 0, "PT15M"), ("lunch", 10, "PT30M") },
            campaigns.EnumerateArray()
                .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("priority").GetInt32(), c.GetProperty("hold").GetString()!))
                .OrderBy(c => c.Item1));
    }

    [Fact]
    public async Task Budgets_reflect_claims_per_node_and_day()
    {
        await Claim(FoodAtLunch, "order-1");
        await Claim(FoodAtLunch.Replace("alice", "carol", System.StringComparison.Ordinal), "order-2");

        var root = await Node("fest");
        var day1 = root.GetProperty("days")[0];

        Assert.Equal(("17.76", "CNY"), Money(root.GetProperty("reserved")));
        Assert.Equal(("982.24", "CNY"), Money(root.GetProperty("available"))); // 1000.00 - 2 x 8.88
        Assert.Equal(9, root.GetProperty("days").GetArrayLength());
        Assert.Equal((1, "2026-02-15"), (day1.GetProperty("day").GetInt32(), day1.GetProperty("date").GetString()));
        Assert.Equal(("17.76", "CNY"), Money(day1.GetProperty("reserved")));
        Assert.Equal(("111.12", "CNY"), Money(day1.GetProperty("limit"))); // 1000.00 split evenly over 9 days: 111.11 each, the odd cent on day 1
        Assert.Equal(("382.24", "CNY"), Money((await Node("fest/app/food")).GetProperty("available")));
    }

    private static (string Amount, string Currency) Money(JsonElement money) =>
        (money.GetProperty("amount").GetString()!, money.GetProperty("currency").GetString()!);

    private static string GrantId(JsonElement claim) => claim.GetProperty("grants")[0].GetProperty("id").GetString()!;

    private static string[] Codes(JsonElement problem, string path) =>
        problem.GetProperty("codes").GetProperty(path).EnumerateArray().Select(c => c.GetString()!).ToArray();

    private async Task<JsonElement> Node(string path)
    {
        var budgets = JsonDocument.Parse(await client.GetStringAsync(new System.Uri("/budgets", System.UriKind.Relative))).RootElement;
        var fest = Assert.Single(budgets.EnumerateArray());
        Assert.Equal("fest", fest.GetProperty("id").GetString());
        return fest.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("path").GetString() == path);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Claim(string json, string key)
    {
        var (status, body, _) = await Send("/claims", json, key);
        return (status, body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string? json, string? key = null)
    {
        var (status, body, _) = await Send(path, json, key);
        return (status, body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Send(string path, string? json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new System.Uri(path, System.UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }
}
