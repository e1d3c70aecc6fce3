using CityCoop.Infrastructure.Mail;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Mail;
using CityCoop.Server.Tests.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Notifications;

/// <summary>
/// A platform reviewer whose approval a change withdrew is told so by email, in their language, with what changed and
/// who changed it: the outbox row is written in the same transaction as the change, then sent through MailKit to smtp4dev.
/// </summary>
public sealed class ApprovalWithdrawnMailTests(Smtp4devServer smtp) : IClassFixture<Smtp4devServer>, IAsyncLifetime
{
    private const string Title = "大气污染防治 – 上海";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset T0 = new(2015, 6, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly object PartnerYokkaichi = new { cityCodes = new[] { "yokkaichi" } };
    private static readonly object PartnerKawasaki = new { cityCodes = new[] { "kawasaki" } };
    private static readonly object YokkaichiMatch = new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Yokkaichi air monitoring know-how" } } };
    private static readonly object KawasakiMatch = new { items = new[] { new { wished = "VOC control", offered = "Kawasaki VOC know-how" } } };

    public Task InitializeAsync() => smtp.DeleteAllMessagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ChangingWhatWasApproved_EmailsTheWithdrawnApproverInTheirLanguageWithWhatChangedAndWho()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        using var japan = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        using var china = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        var id = await city.CreateAsync(Title);
        await city.ActAsync(id, "submit");
        await japan.ActAsync(id, "set-partner", PartnerYokkaichi);
        await japan.ActAsync(id, "record-matches", YokkaichiMatch);
        await japan.ActAsync(id, "match");
        // The task-opened emails: wait until the SMTP server has stored them, or one could arrive after the delete below.
        await smtp.WaitForMessagesAsync(await host.DispatchAsync(), Wait);
        await smtp.DeleteAllMessagesAsync();

        await china.ActAsync(id, "set-partner", PartnerKawasaki);

        var row = Assert.Single(await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == id && m.Kind == MailKinds.ApprovalWithdrawn).ToListAsync()));
        Assert.Equal((CityCoopFactory.PlatformJp, "ja-JP"), (row.RecipientEmail, row.Language));
        Assert.Equal(1, await host.DispatchAsync());
        var ja = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal(CityCoopFactory.PlatformJp, ja.Raw.To.Mailboxes.Single().Address);
        Assert.Equal($"承認が取り消されました：{Title}", ja.Raw.Subject);
        Assert.Contains($"提案「{Title}」に対するあなたの承認（「マッチング承認」）は、承認した内容がその後変更されたため取り消されました。", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("- 相手都市：四日市市 → 川崎市", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("変更者：李明（中方平台）", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://citycoop.example/proposals/{id:D}", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("<li>相手都市：四日市市 → 川崎市</li>", ja.Raw.HtmlBody, StringComparison.Ordinal);
        await smtp.DeleteAllMessagesAsync();

        // The same reviewer, now reading English, approves the new pairing; a change of the matched items withdraws it again.
        await host.WithDbAsync(db => db.Users.Where(u => u.Email == CityCoopFactory.PlatformJp).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredLanguage, "en")));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await japan.ActAsync(id, "match");
        await china.ActAsync(id, "record-matches", KawasakiMatch);

        Assert.Equal(1, await host.DispatchAsync());
        var en = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal($"Your approval was withdrawn: {Title}", en.Raw.Subject);
        Assert.Contains($"Your approval “match” of the proposal “{Title}” was withdrawn: what you approved has changed since.", en.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Matched items: removed “PM2.5 source apportionment” → “Yokkaichi air monitoring know-how”; added “VOC control” → “Kawasaki VOC know-how”", en.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains("Changed by: 李明（中方平台）", en.Raw.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await host.DispatchAsync());
    }
}
