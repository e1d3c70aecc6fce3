using CityCoop.Infrastructure.Mail;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Tests.Mail;

public sealed class MailOptionsTests
{
    [Fact]
    public void Validate_StartTlsOnPort465_IsRefusedWithAClearMessage()
    {
        var errors = new MailOptions { Host = "smtp.example.org", Port = 465, Security = MailSecurity.StartTls }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains("Mail:Security=StartTls cannot be used on port 465", error, StringComparison.Ordinal);
        Assert.Contains("SslOnConnect", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(587)]
    [InlineData(25)]
    public void Validate_SslOnConnectOnStartTlsPorts_IsRefused(int port)
    {
        var errors = new MailOptions { Host = "smtp.example.org", Port = port, Security = MailSecurity.SslOnConnect }.Validate();

        Assert.Contains($"Mail:Security=SslOnConnect cannot be used on port {port}", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainTextWithCredentialsToRemoteHost_IsRefused()
    {
        var options = new MailOptions { Host = "smtp.example.org", Port = 25, Username = "u", Password = "p" };

        Assert.Contains("plain text", Assert.Single(options.Validate()), StringComparison.Ordinal);
        Assert.Empty(new MailOptions { Host = "127.0.0.1", Port = 2525, Username = "u", Password = "p" }.Validate());
    }

    [Fact]
    public void Validate_HostEmptyButOtherSettings_IsRefused()
    {
        var errors = new MailOptions { Port = 587, Security = MailSecurity.StartTls }.Validate();

        Assert.Contains("Mail:Host is empty", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UsualCombinationsAndEmbeddedDefault_AreAccepted()
    {
        Assert.Empty(new MailOptions().Validate());
        Assert.Empty(new MailOptions { Host = "smtp.example.org", Security = MailSecurity.StartTls, Username = "u", Password = "p" }.Validate());
        Assert.Empty(new MailOptions { Host = "smtp.example.org", Port = 465, Security = MailSecurity.SslOnConnect, Username = "u", Password = "p" }.Validate());
        Assert.Equal(587, new MailOptions { Host = "h", Security = MailSecurity.StartTls }.EffectivePort);
    }

    [Fact]
    public void Validator_FailsAtStartWithEveryMessage()
    {
        var result = new MailOptionsValidator().Validate(null, new MailOptions { Host = "smtp.example.org", Port = 465, Security = MailSecurity.StartTls, FromAddress = "nobody" });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Throws<OptionsValidationException>(() => new MailKitSender(Options.Create(new MailOptions { Host = "h", Port = 587, Security = MailSecurity.SslOnConnect })));
        Assert.Throws<OptionsValidationException>(() => new MailKitSender(Options.Create(new MailOptions())));
    }

    [Fact]
    public void SocketOptions_StartTlsIsRequiredNotOpportunistic()
    {
        Assert.Equal(SecureSocketOptions.StartTls, MailKitSender.SocketOptionsOf(MailSecurity.StartTls));
        Assert.Equal(SecureSocketOptions.SslOnConnect, MailKitSender.SocketOptionsOf(MailSecurity.SslOnConnect));
        Assert.Equal(SecureSocketOptions.None, MailKitSender.SocketOptionsOf(MailSecurity.None));
    }

    [Fact]
    public void ProposalUrl_JoinsBaseAndId()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal("https://coop.example/app/proposals/0f8fad5b-d9cb-469f-a165-70867728950e", new MailOptions { PublicBaseUrl = new Uri("https://coop.example/app") }.ProposalUrl(id).AbsoluteUri);
    }
}
