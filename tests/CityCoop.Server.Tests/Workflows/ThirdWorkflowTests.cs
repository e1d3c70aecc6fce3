using System.Collections.Concurrent;
using System.Text.Json;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Mail;
using CityCoop.Server.Tests.Notifications;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Issue 11 acceptance for the runtime: a third, test-only definition plus its module (registered like the product's two)
/// goes through start, a person's action, a timer and an email, with no change to runtime code.
/// </summary>
public sealed class ThirdWorkflowTests(Smtp4devServer smtp) : IClassFixture<Smtp4devServer>
{
    private const string Definition = """
    {
      "$schema": "./workflow-definition.schema.json",
      "id": "equipment-loan",
      "title": "Loan of monitoring equipment",
      "initialState": "requested",
      "states": [
        { "name": "requested", "displayNames": { "en": "Requested", "ja": "申請中", "zh": "已申请" },
          "tasks": [ { "name": "lend-equipment", "displayNames": { "en": "Lend the equipment", "ja": "機材を貸し出す", "zh": "出借设备" },
            "role": "platform", "scope": "platform-jp", "due": { "businessDays": 5 },
            "actions": [ { "name": "lend", "displayNames": { "en": "lend", "ja": "貸出", "zh": "出借" }, "target": "lent",
              "inputs": [ { "name": "comment", "type": "text" } ] } ],
            "timers": [ { "kind": "reminder", "before": { "businessDays": 1 } } ],
            "notifications": [ { "on": "task-opened", "template": "task-opened" } ] } ] },
        { "name": "lent", "final": true }
      ]
    }
    """;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Tuesday 2026-09-01, 11:00 in Tokyo: 5 Japanese business days on is the end of Tuesday 2026-09-08 (no holiday between).
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-09-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TestOnlyModule_StartsActsFiresATimerAndSendsEmail_ThroughTheSameRuntime()
    {
        await smtp.DeleteAllMessagesAsync();
        using var folder = new WorkflowFolder();
        File.WriteAllText(Path.Combine(folder.Path, "equipment-loan.json"), Definition);
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort, workflowsFolder: folder.Path, services: s => s.AddWorkflowModule<EquipmentLoanModule>());

        // Start: the loan's instance carries its subject type and id; its task opens for the Japanese platform.
        var loanId = Guid.NewGuid();
        EquipmentLoanModule.Loans[loanId] = new EquipmentLoan("PM2.5 monitor for Wuhan");
        var actor = new WorkflowActor("requester", "Requester", new HashSet<WorkflowRole> { CityCoopRoles.City }, "city:wuhan", OrganizationKind.City, "CN");
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var module = runtime.Modules.Get(EquipmentLoanModule.Type);
            var started = await runtime.StartAsync(module, loanId, await module.LoadAsync(scope.ServiceProvider.GetRequiredService<CityCoopDbContext>(), loanId, [], default) ?? throw new InvalidOperationException(), actor);
            Assert.Equal("requested", started.Instance.CurrentState);
        }

        var instance = await host.WithDbAsync(db => db.WorkflowInstances.Include(i => i.Tasks)
            .SingleAsync(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == EquipmentLoanModule.Type && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == loanId));
        var task = Assert.Single(instance.Tasks);
        Assert.Equal(DateTimeOffset.Parse("2026-09-08T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture), task.DueAt);

        // The task-opened email to the Japanese platform, linking to the module's page.
        Assert.True(await host.DispatchAsync() == 1, await OutboxStateAsync(host));
        var opened = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal(CityCoopFactory.PlatformJp, opened.Raw.To.Mailboxes.Single().Address);
        Assert.Contains("PM2.5 monitor for Wuhan", opened.Raw.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://citycoop.example/loans/{loanId:D}", opened.Raw.TextBody, StringComparison.Ordinal);
        await smtp.DeleteAllMessagesAsync();

        // The timer: one Japanese business day before the due day, 09:00 Tokyo on Monday 2026-09-07 → a reminder email.
        var reminder = await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == instance.Id));
        Assert.Equal(DateTimeOffset.Parse("2026-09-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), reminder.FireAt);
        host.Time.SetUtcNow(reminder.FireAt!.Value);
        Assert.Equal(1, await host.SweepAsync());
        Assert.True(await host.DispatchAsync() == 1, await OutboxStateAsync(host));
        var reminded = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal(CityCoopFactory.PlatformJp, reminded.Raw.To.Mailboxes.Single().Address);
        Assert.Contains("機材を貸し出す", reminded.Raw.Subject, StringComparison.Ordinal);

        // A person's action through the same door as proposals' and memorandums': the instance finishes.
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var platform = new WorkflowActor("lender", "Lender", new HashSet<WorkflowRole> { CityCoopRoles.Platform }, OrganizationCodes.PlatformJp, OrganizationKind.Platform, "JP");
            var outcome = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().ExecuteAsync(EquipmentLoanModule.Type, loanId, platform, "lend", new Dictionary<string, JsonElement>());
            var done = Assert.IsType<StepOutcome.Done>(outcome);
            Assert.Equal("lent", done.Record.Instance.CurrentState);
        }

        Assert.Equal(TimerStatus.Fired, (await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == instance.Id))).Status);
        Assert.Empty(await host.WithDbAsync(db => db.WorkflowTasks.Where(t => t.ClosedAt == null && EF.Property<Guid>(t, "InstanceId") == instance.Id).ToListAsync()));
    }

    // What the outbox holds, to say why a dispatch sent nothing (e.g. the SMTP server refused or timed out).
    private static Task<string> OutboxStateAsync(JobsHost host) => host.WithDbAsync(async db =>
        string.Join("; ", (await db.OutboxMessages.AsNoTracking().ToListAsync()).Select(m => $"{m.Kind} to {m.RecipientEmail}: {m.Status}, attempts {m.Attempts}, {m.LastError}")));

    /// <summary>The test's subject: a loan request, kept in memory by its module (a module decides where its subjects live).</summary>
    private sealed record EquipmentLoan(string Title) : IOrganizationSubject
    {
        public string OrganizationCode => OrganizationCodes.PlatformJp;

        public IReadOnlyList<string> PartnerOrganizationCodes => [];

        public DateTimeOffset? GetDate(string source) => null;

        public IReadOnlyList<string> PlacesOf(WorkflowScope scope) => ["JP"];

        public string ApprovalFingerprint() => Title;
    }

    /// <summary>A third workflow module, test-only: its own definition id, hooks (the shared vocabulary), subjects and page path.</summary>
    private sealed class EquipmentLoanModule : IWorkflowModule
    {
        public const string Type = "equipment-loan";

        public static ConcurrentDictionary<Guid, EquipmentLoan> Loans { get; } = new();

        public string SubjectType => Type;

        public string DefinitionId => "equipment-loan";

        public WorkflowHooks Hooks { get; } = CityCoopVocabulary.Declare();

        public string PathOf(Guid subjectId) => $"/loans/{subjectId:D}";

        public Task<LoadedSubject?> LoadAsync(CityCoopDbContext db, Guid subjectId, IReadOnlyCollection<string> guards, CancellationToken ct) =>
            Task.FromResult(Loans.TryGetValue(subjectId, out var loan) ? new LoadedSubject(loan, loan.Title, 0) : null);

        public Task<IReadOnlyDictionary<Guid, WorkflowSubjectSummary>> SummariesAsync(CityCoopDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<Guid, WorkflowSubjectSummary>>(subjectIds.Where(Loans.ContainsKey)
                .ToDictionary(id => id, id => new WorkflowSubjectSummary(Type, id, Loans[id].Title, PathOf(id), null, Loans[id])));
    }
}
