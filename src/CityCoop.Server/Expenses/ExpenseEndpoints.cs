using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Expenses;

/// <summary>
/// <c>/api/proposals/{id}/expenses</c>: what the platform paid out of a proposal's approval (programme.md "Funds"). Read by
/// everyone who sees the proposal; recorded by platform reviewers while the proposal is in fund execution.
/// </summary>
public static class ExpenseEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapExpenseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/proposals/{id:guid}/expenses").RequireAuthorization().WithTags("Expenses");

        api.MapGet("/", async (Guid id, HttpContext http, CurrentActor current, ProposalAccess access, CityCoopDbContext db, AttachmentStore attachments, TimeProvider time, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            var proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (proposal is null || !await access.CanSeeAsync(actor, proposal))
            {
                return StepResults.NotFound();
            }

            var today = ExpenseBook.Today(time.GetUtcNow());
            var expenses = await ExpenseBook.ListAsync(db, id, ct);
            var names = attachments.List(id).ToDictionary(a => a.Id, a => a.FileName);
            return Results.Ok(ExpenseListDto.From(
                ExpenseBook.Summarize(proposal, expenses, today),
                [.. expenses.Select(e => ExpenseDto.From(e, today, e.EvidenceId is { } ev && names.TryGetValue(ev, out var n) ? n : null))]));
        })
        .WithSummary("The proposal's expenses and money in yen on today's Tokyo date: approved, activity costs, paid / scheduled / planned expenses, spent, remaining.")
        .Produces<ExpenseListDto>();

        api.MapPost("/", async (Guid id, ExpenseRequest body, HttpContext http, CurrentActor current, CityCoopDbContext db, SecurityAuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (await RefuseUnlessPlatformAsync(actor, id, "record-expense", "Only the platforms record expenses.", audit) is { } forbidden)
            {
                return forbidden;
            }

            var now = time.GetUtcNow();
            try
            {
                var outcome = await ExpenseBook.RecordAsync(db, id, p => body.ToExpense(p, actor, now), now, ct);
                return outcome switch
                {
                    ExpenseOutcome.Recorded r => Results.Created($"/api/proposals/{id}/expenses", ExpenseDto.From(r.Expense, ExpenseBook.Today(now), null)),
                    ExpenseOutcome.Refused refused => Refusal("The expense cannot be recorded.", refused.Reason),
                    _ => StepResults.NotFound(),
                };
            }
            catch (DomainRuleException e)
            {
                return InputProblem.Of(e.Field, e.Text);
            }
        })
        .WithSummary("Record an expense (platform reviewers, fund execution only): budgetLine, amount, currency JPY or CNY with rate (yen per yuan), paidOn (absent: planned), payee. 409 expense-not-in-fund-execution, expense-approval-not-jpy, expense-over-approved (activity costs and all expenses stay within the approval, also concurrently).")
        .Produces<ExpenseDto>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{expenseId:guid}/paid", async (Guid id, Guid expenseId, MarkPaidRequest body, HttpContext http, CurrentActor current, CityCoopDbContext db, SecurityAuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (await RefuseUnlessPlatformAsync(actor, id, "mark-expense-paid", "Only the platforms mark expenses paid.", audit) is { } forbidden)
            {
                return forbidden;
            }

            var now = time.GetUtcNow();
            try
            {
                var outcome = await ExpenseBook.MarkPaidAsync(db, id, expenseId, body.Day(), now, ct);
                return outcome switch
                {
                    ExpenseOutcome.Recorded r => Results.Ok(ExpenseDto.From(r.Expense, ExpenseBook.Today(now), null)),
                    ExpenseOutcome.Refused refused => Refusal("The expense cannot be marked paid.", refused.Reason),
                    _ => Results.Problem(title: "Expense not found.", statusCode: StatusCodes.Status404NotFound),
                };
            }
            catch (DomainRuleException e)
            {
                return InputProblem.Of(e.Field, e.Text);
            }
        })
        .WithSummary("Mark a planned expense paid (platform reviewers, fund execution only): {\"paidOn\":\"2026-07-10\"} within the proposal's fiscal year (400 date-outside-fiscal-year, expense-already-paid). 409 expense-not-in-fund-execution, expense-paid-over-approved (activity costs and every dated expense stay within the approval, checked under the proposal's row lock).")
        .Produces<ExpenseDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{expenseId:guid}/evidence", async (Guid id, Guid expenseId, IFormFile file, HttpContext http, CurrentActor current, CityCoopDbContext db, AttachmentStore attachments, TimeProvider time, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (!actor.Roles.Contains(CityCoopRoles.Platform))
            {
                return Results.Problem(title: "Only the platforms attach evidence.", statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "platform-only" });
            }

            if (!await db.Expenses.AnyAsync(e => e.Id == expenseId && e.ProposalId == id, ct))
            {
                return Results.Problem(title: "Expense not found.", statusCode: StatusCodes.Status404NotFound);
            }

            if (await AttachmentStore.CheckAsync([file]) is [var refusal, ..])
            {
                return Results.Problem(
                    title: "The file is not accepted as evidence.",
                    detail: $"{refusal.FileName}: {Why(refusal.Problem)}. Evidence is a PDF, Office document or image of up to 20 MB.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["code"] = "evidence-" + refusal.Problem.ToString().ToLowerInvariant(), ["field"] = "file", ["arguments"] = new Dictionary<string, string> { ["fileName"] = refusal.FileName } });
            }

            var saved = await attachments.SaveAsync(id, [file], actor.UserId, time.GetUtcNow(), ct);
            await ExpenseBook.AttachEvidenceAsync(db, id, expenseId, saved[0].Id, ct);
            return Results.Ok(new EvidenceDto(saved[0].Id, saved[0].FileName, $"/proposals/{id}/attachments/{saved[0].Id}"));
        })
        .DisableAntiforgery()
        .WithSummary("Attach the evidence of an expense (a receipt, a trip report: PDF, Office document or image up to 20 MB) as multipart/form-data field 'file'; platform reviewers. It is also listed with the proposal's attachments.")
        .Produces<EvidenceDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    // Platform reviewers only: anyone else is written to the security audit log and refused with 403 platform-only.
    private static async Task<IResult?> RefuseUnlessPlatformAsync(WorkflowActor actor, Guid proposalId, string act, string title, SecurityAuditLog audit)
    {
        if (actor.Roles.Contains(CityCoopRoles.Platform))
        {
            return null;
        }

        await audit.RecordAsync(SecurityEvents.ActionForbidden, $"proposal:{proposalId}", $"{act}: platform-only", actor.UserId);
        return Results.Problem(title: title, statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "platform-only" });
    }

    // A rule of the expense book refused: 409 with its code and arguments.
    private static IResult Refusal(string title, DomainText reason) =>
        Results.Problem(
            title: title,
            detail: reason.English,
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["code"] = reason.Code, ["arguments"] = reason.Arguments });

    private static IResult Unauthorized() =>
        Results.Problem(title: "Sign in again.", detail: "The account is unknown or deactivated.", statusCode: StatusCodes.Status401Unauthorized);

    // In words: the detail showed the enum's names (NotAccepted, BadName).
    private static string Why(AttachmentProblem problem) => problem switch
    {
        AttachmentProblem.TooLarge => "the file is larger than 20 MB",
        AttachmentProblem.NotAccepted => "the file is not a PDF, Office document or image (by its name or its first bytes)",
        _ => "the file's name is empty or holds a control or direction character",
    };
}
