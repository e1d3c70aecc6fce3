using CityCoop.Infrastructure.Mail;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CityCoop.Server.Tests.Mail;

public sealed class MailSenderTests : IClassFixture<Smtp4devServer>
{
    private readonly Smtp4devServer _smtp;

    public MailSenderTests(Smtp4devServer smtp) => _smtp = smtp;

    private static MimeMessage Sample(MailOptions options, string to = "wang@example.cn") => MailTemplates.CreateMessage(
        options,
        MailKinds.Reminder,
        "zh-CN",
        to,
        new MailModel
        {
            RecipientName = "王伟",
            TimeZoneId = "Asia/Shanghai",
            SubjectType = "proposal",
            SubjectTitle = "天津市大气污染防治合作",
            SubjectUrl = new Uri("http://127.0.0.1/proposals/1"),
            StepName = "平台匹配",
            DueAt = new DateTimeOffset(2015, 10, 8, 16, 0, 0, TimeSpan.Zero),
        },
        new DateTimeOffset(2015, 10, 1, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task MailKitSender_ChineseSubjectAndJapaneseSender_ArriveIntactAtRealSmtpServer()
    {
        var options = new MailOptions
        {
            Host = "127.0.0.1",
            Port = _smtp.SmtpPort,
            Security = MailSecurity.None,
            FromAddress = "platform@citycoop.example",
            FromName = "日中都市間連携プラットフォーム",
        };
        var to = $"wang-{Guid.NewGuid():N}@example.cn";
        var message = Sample(options, to);

        await new MailKitSender(Options.Create(options)).SendAsync(message, CancellationToken.None);

        var all = await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
        var received = Assert.Single(all, m => m.To.Any(t => t.Contains(to, StringComparison.Ordinal)));
        Assert.Equal("提醒：天津市大气污染防治合作 – 平台匹配 即将到期", received.Subject);
        Assert.Equal(message.Subject, received.Raw.Subject);
        Assert.Contains("日中都市間連携プラットフォーム", received.From, StringComparison.Ordinal);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(received.Raw.From));
        Assert.Equal("日中都市間連携プラットフォーム", from.Name);
        Assert.Equal("王伟", Assert.IsType<MailboxAddress>(Assert.Single(received.Raw.To)).Name);
        Assert.Equal(message.MessageId, received.Raw.MessageId);
        Assert.Contains("2015-10-08 24:00（Asia/Shanghai，北京时间）", received.Raw.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailKitSender_ServerDown_Throws()
    {
        var options = new MailOptions { Host = "127.0.0.1", Port = 1, TimeoutSeconds = 5 };

        await Assert.ThrowsAnyAsync<Exception>(() => new MailKitSender(Options.Create(options)).SendAsync(Sample(options), CancellationToken.None));
    }

    [Fact]
    public async Task EmlFileSender_WritesAFileThatParsesBackAndIsListed()
    {
        var dataDir = Directory.CreateTempSubdirectory("citycoop-mail-");
        try
        {
            var sender = EmlFileSender.ForDataDirectory(dataDir.FullName, new FakeTimeProvider(new DateTimeOffset(2015, 10, 1, 1, 0, 0, TimeSpan.Zero)));
            var message = Sample(new MailOptions { FromName = "日中都市間連携プラットフォーム" });

            await sender.SendAsync(message, CancellationToken.None);

            var entry = Assert.Single(sender.List());
            Assert.Equal(Path.Combine(dataDir.FullName, "mail"), sender.MailDirectory);
            Assert.EndsWith(".eml", entry.FileName, StringComparison.Ordinal);
            Assert.Equal(message.Subject, entry.Subject);
            Assert.Contains("日中都市間連携プラットフォーム", entry.From, StringComparison.Ordinal);
            Assert.Contains("王伟", entry.To, StringComparison.Ordinal);

            await using var stream = sender.OpenRead(entry.FileName);
            var parsed = await MimeMessage.LoadAsync(stream);
            Assert.Equal(message.Subject, parsed.Subject);
            Assert.Equal(message.MessageId, parsed.MessageId);
            Assert.Contains("天津市大气污染防治合作", parsed.HtmlBody, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => sender.OpenRead("../secret.eml"));

            // 7-bit on disk, like a message that went through SMTP: any parser (not only MimeKit) gets the CJK text back.
            var bytes = await File.ReadAllBytesAsync(Path.Combine(sender.MailDirectory, entry.FileName));
            Assert.All(bytes, b => Assert.True(b < 0x80, "the .eml file holds only 7-bit bytes"));
            Assert.Contains("Content-Transfer-Encoding:", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        }
        finally
        {
            dataDir.Delete(recursive: true);
        }
    }
}
