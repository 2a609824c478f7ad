using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Samples.WebApi;

/// <summary>
/// The HTTP API over one <see cref="CampaignEngine"/>. Status codes:
/// 200 for a claim's answer, granted or denied (a denial is a normal outcome, with its reasons);
/// 409 when an idempotency key was first used by another participant, or a grant can no longer be committed, released or refunded;
/// 404 for an unknown grant; 400 (RFC 9457 problem details) for malformed or invalid input.
/// </summary>
internal static class Endpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapIncentivesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/claims", ClaimAsync);
        app.MapPost("/grants/{id}/commit", CommitAsync);
        app.MapPost("/grants/{id}/release", ReleaseAsync);
        app.MapPost("/grants/{id}/refund", RefundAsync);
        app.MapGet("/campaigns", (CampaignEngine engine) => Results.Ok(engine.Campaigns.Select(CampaignResponse.From)));
        app.MapGet("/budgets", BudgetsAsync);
        return app;
    }

    private static async Task<IResult> ClaimAsync(HttpRequest request, CampaignEngine engine)
    {
        var errors = new Errors();
        var key = IdempotencyKey(request, errors);
        var (body, path, error) = await ApiJson.ReadAsync<ClaimRequest>(request);
        if (error is not null)
        {
            errors.Add(path!, "json.invalid", error);
            return errors.Problem();
        }

        if (body is null)
        {
            errors.Add("body", "definition.required", "A JSON body describing the claim is required.");
            return errors.Problem();
        }

        var claim = ToClaim(body, engine.Clock, errors);
        if (claim is null || key is null)
        {
            return errors.Problem();
        }

        var result = await engine.ClaimAsync(claim, key, request.HttpContext.RequestAborted);
        var response = ClaimResponse.From(result);
        return result.Denials.Any(d => d.Code == ClaimDenialCodes.KeyConflict)
            ? Results.Json(response, statusCode: StatusCodes.Status409Conflict)
            : Results.Ok(response);
    }

    private static async Task<IResult> CommitAsync(string id, HttpRequest request, CampaignEngine engine)
    {
        var (grant, reservation, missing) = await FindAsync(id, engine);
        if (missing is not null)
        {
            return missing;
        }

        var errors = new Errors();
        var (body, path, error) = await ApiJson.ReadAsync<AmountRequest>(request);
        if (error is not null)
        {
            errors.Add(path!, "json.invalid", error);
            return errors.Problem();
        }

        var amount = body?.Amount is null ? reservation.Reserved : ToAmount(body.Amount, "amount", reservation.Reserved.Currency, errors);
        if (amount is null)
        {
            return errors.Problem();
        }

        return Ledger(await engine.CommitAsync(grant, amount.Value, cancellationToken: request.HttpContext.RequestAborted), grant);
    }

    private static async Task<IResult> ReleaseAsync(string id, HttpRequest request, CampaignEngine engine)
    {
        var (grant, _, missing) = await FindAsync(id, engine);
        return missing ?? Ledger(await engine.ReleaseAsync(grant, cancellationToken: request.HttpContext.RequestAborted), grant);
    }

    private static async Task<IResult> RefundAsync(string id, HttpRequest request, CampaignEngine engine)
    {
        var (grant, reservation, missing) = await FindAsync(id, engine);
        if (missing is not null)
        {
            return missing;
        }

        var errors = new Errors();
        var key = IdempotencyKey(request, errors);
        var (body, path, error) = await ApiJson.ReadAsync<AmountRequest>(request);
        if (error is not null)
        {
            errors.Add(path!, "json.invalid", error);
            return errors.Problem();
        }

        if (body?.Amount is null)
        {
            errors.Add("amount", "definition.required", "The amount to refund is required, e.g. {\"amount\":{\"amount\":\"2.00\",\"currency\":\"CNY\"}}.");
            return errors.Problem();
        }

        var amount = ToAmount(body.Amount, "amount", reservation.Reserved.Currency, errors);
        if (amount is null || key is null)
        {
            return errors.Problem();
        }

        return Ledger(await engine.RefundAsync(grant, amount.Value, key, cancellationToken: request.HttpContext.RequestAborted), grant);
    }

    private static async Task<IResult> BudgetsAsync(CampaignEngine engine, HttpContext context)
    {
        var now = engine.Clock.GetCurrentInstant();
        var budgets = new List<BudgetResponse>();
        foreach (var (budgetId, ledger) in engine.Ledgers.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            budgets.Add(BudgetResponse.From(budgetId, await ledger.GetSnapshotAsync(now, context.RequestAborted)));
        }

        return Results.Ok(budgets);
    }

    private static async Task<(GrantReference Grant, ReservationInfo Reservation, IResult? Missing)> FindAsync(string id, CampaignEngine engine)
    {
        if (GrantReference.TryParse(id, out var grant) && await engine.GetReservationAsync(grant) is { } reservation)
        {
            return (grant, reservation, null);
        }

        return (default, default, Results.Problem(
            title: "Unknown grant",
            detail: $"No grant '{id}' is known. A grant id looks like 'lunch:R42', as returned by POST /claims.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["code"] = BudgetDenialCodes.UnknownReservation }));
    }

    /// <summary>A done operation is 200; a refusal (expired, already settled, more than held) is 409 with the ledger's code.</summary>
    private static IResult Ledger(LedgerResult result, GrantReference grant) =>
        result.Succeeded
            ? Results.Ok(LedgerResponse.From(result, grant))
            : Results.Problem(
                title: "The grant cannot do that now",
                detail: result.Denial!.Message,
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = result.Denial.ReasonCode, ["grant"] = grant.ToString() });

    private static string? IdempotencyKey(HttpRequest request, Errors errors)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(IdempotencyKeyHeader, "header.required", $"The {IdempotencyKeyHeader} header is required: a key unique to this request (e.g. the order id), so that a retry returns the same answer.");
            return null;
        }

        return key;
    }

    private static Claim? ToClaim(ClaimRequest body, IClock clock, Errors errors)
    {
        var participant = body.Participant;
        if (participant is null)
        {
            errors.Add("participant", "definition.required", "The participant is required, e.g. {\"id\":\"alice\"}.");
        }
        else if (string.IsNullOrWhiteSpace(participant.Id))
        {
            errors.Add("participant.id", "definition.required", "The participant's id is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Channel))
        {
            errors.Add("channel", "definition.required", "The channel is required, e.g. \"app\".");
        }

        if (body.Category is not null && string.IsNullOrWhiteSpace(body.Category))
        {
            errors.Add("category", "definition.required", "The category, when given, must not be blank.");
        }

        var orderAmount = body.OrderAmount is null ? null : ToAmount(body.OrderAmount, "orderAmount", null, errors);
        var at = body.At is null ? clock.GetCurrentInstant() : ToInstant(body.At, "at", errors);
        var signedUpAt = participant?.SignedUpAt is null ? null : ToInstant(participant.SignedUpAt, "participant.signedUpAt", errors);
        DateTimeZone? zone = null;
        if (participant?.HomeZone is not null && (zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(participant.HomeZone)) is null)
        {
            errors.Add("participant.homeZone", "time.unknown-zone", $"'{participant.HomeZone}' is not a TZDB time zone id such as \"Europe/London\".");
        }

        if (participant?.Segments?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add("participant.segments", "definition.required", "A segment must be a non-empty name.");
        }

        if (participant?.Region is not null && string.IsNullOrWhiteSpace(participant.Region))
        {
            errors.Add("participant.region", "definition.required", "The region, when given, must not be blank.");
        }

        if (errors.Any)
        {
            return null;
        }

        var who = new Participant(participant!.Id!)
        {
            Region = participant.Region,
            Segments = participant.Segments ?? [],
            SignedUpAt = signedUpAt,
            HomeZone = zone,
        };
        return new Claim(who, at!.Value, body.Channel!) { Category = body.Category, OrderAmount = orderAmount };
    }

    private static Money? ToAmount(MoneyDefinition definition, string path, Currency? expected, Errors errors)
    {
        var result = new MoneyDefinitionValidator().Validate(definition);
        foreach (var failure in result.Errors)
        {
            errors.Add(path + "." + failure.PropertyName, failure.ErrorCode, failure.ErrorMessage);
        }

        if (!result.IsValid)
        {
            return null;
        }

        var money = MoneyDefinitionValidator.ToMoney(definition);
        if (expected is { } currency && money.Currency != currency)
        {
            errors.Add(path + ".currency", "money.currency-mismatch", $"The grant is in {currency.Code}; the amount must be too.");
            return null;
        }

        if (expected is not null && !money.IsPositive)
        {
            errors.Add(path + ".amount", DefinitionErrorCodes.InvalidAmount, "The amount must be greater than zero.");
            return null;
        }

        return money;
    }

    private static Instant? ToInstant(string text, string path, Errors errors)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.Add(path, "time.invalid-instant", $"'{text}' is not an ISO instant such as \"2026-02-15T04:00:00Z\".");
        return null;
    }

    /// <summary>Every problem of a request, reported at once as a validation problem (400) with a code per path.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> messages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> codes = new(StringComparer.Ordinal);

        public bool Any => messages.Count > 0;

        public void Add(string path, string code, string message)
        {
            Get(messages, path).Add(message);
            Get(codes, path).Add(code);
        }

        public IResult Problem() => Results.ValidationProblem(
            messages.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["codes"] = codes.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal) });

        private static List<string> Get(Dictionary<string, List<string>> map, string path) =>
            map.TryGetValue(path, out var list) ? list : map[path] = [];
    }
}
