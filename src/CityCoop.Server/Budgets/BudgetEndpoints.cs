using CityCoop.Infrastructure.Budgets;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;

namespace CityCoop.Server.Budgets;

/// <summary><c>GET/PUT /api/budgets/{fiscalYear}</c> and <c>GET /api/budgets/{fiscalYear}/settlement</c>: the programme's budget of a fiscal year and its settlements (programme.md "Funds").</summary>
public static class BudgetEndpoints
{
    /// <summary>Problem code of 409 when the envelope would be less than what approvals committed.</summary>
    public const string BelowCommitted = "below-committed";

    /// <summary>Maps the endpoints: reading for platform, ministry and admin; setting for the Japanese ministry.</summary>
    public static void MapBudgetEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/budgets").RequireAuthorization(AuthRegistration.ReportReaders).WithTags("Budgets");

        api.MapGet("/{fiscalYear}", async (FiscalYearRoute fiscalYear, HttpContext http, CityCoopDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            if (fiscalYear.OutsideProgramme("fiscalYear") is { } bad)
            {
                return bad;
            }

            var statement = await BudgetLedger.StatementAsync(db, fiscalYear, Infrastructure.Expenses.ExpenseBook.Today(time.GetUtcNow()), ct);
            http.Response.Headers.ETag = BudgetLedger.ETagOf(statement.Position);
            return Results.Ok(BudgetResponse.From(statement));
        })
        .WithSummary("A fiscal year's budget in yen: envelope, committed, spent, released, remaining, lines and the change journal. A year without an envelope answers 200 with set false and envelope 0. The ETag header is the budget's revision.")
        .Produces<BudgetResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{fiscalYear}/settlement", async (FiscalYearRoute fiscalYear, CityCoopDbContext db, CancellationToken ct) =>
        {
            if (fiscalYear.OutsideProgramme("fiscalYear") is { } bad)
            {
                return bad;
            }

            return Results.Ok(SettlementResponse.From(await BudgetLedger.SettlementsAsync(db, fiscalYear, ct)));
        })
        .WithSummary("The fiscal year's settlements: per proposal whose fund execution closed, its title, cities, approved, spent, released (approved − spent), when and by whom (or the system) it closed; totals in yen.")
        .Produces<SettlementResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPut("/{fiscalYear}", async (FiscalYearRoute fiscalYear, BudgetRequest body, HttpContext http, CurrentActor current, CityCoopDbContext db, TimeProvider time, SecurityAuditLog audit, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Results.Problem(title: "Sign in again.", detail: "The account is unknown or deactivated.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (!BudgetAccess.CanSet(actor))
            {
                await audit.RecordAsync(SecurityEvents.ActionForbidden, $"budget:{fiscalYear}", "set-budget: not-japanese-ministry", actor.UserId);
                return Results.Problem(
                    title: "Only the Japanese ministry sets the programme budget.",
                    statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["code"] = "not-japanese-ministry" });
            }

            if (fiscalYear.OutsideProgramme("fiscalYear") is { } bad)
            {
                return bad;
            }

            var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
            try
            {
                var outcome = await BudgetLedger.ChangeAsync(db, fiscalYear, body.ToEnvelope(), body.ToLines(), body.Reason, ifMatch.Length == 0 ? null : ifMatch, actor, time.GetUtcNow(), ct);
                if (outcome is BudgetChangeOutcome.Stale stale)
                {
                    var etag = BudgetLedger.ETagOf(stale.Current);
                    http.Response.Headers.ETag = etag;
                    return Results.Problem(
                        title: "This budget changed since you read it.",
                        detail: $"If-Match does not match the current ETag {etag}; nothing was saved. Read the budget again and retry.",
                        statusCode: StatusCodes.Status412PreconditionFailed,
                        extensions: new Dictionary<string, object?> { ["code"] = "if-match-stale", ["currentETag"] = etag });
                }
            }
            catch (DomainRuleException e) when (e.Text.Code == BelowCommitted)
            {
                return Results.Problem(
                    title: "The envelope cannot go below what is committed.",
                    detail: e.Text.English,
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["code"] = e.Text.Code, ["arguments"] = e.Text.Arguments, ["field"] = e.Field });
            }
            catch (DomainRuleException e)
            {
                return InputProblem.Of(e.Field, e.Text);
            }

            var statement = await BudgetLedger.StatementAsync(db, fiscalYear, Infrastructure.Expenses.ExpenseBook.Today(time.GetUtcNow()), ct);
            http.Response.Headers.ETag = BudgetLedger.ETagOf(statement.Position);
            return Results.Ok(BudgetResponse.From(statement));
        })
        .WithSummary("Set or change a fiscal year's envelope (whole yen) and optionally its lines; Japanese ministry only (403 otherwise). A reason is required for every change after the first setting; lines may not add up to more than the envelope; 409 below-committed when the envelope would be less than what approvals committed. Honours If-Match (412 when stale).")
        .Produces<BudgetResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
