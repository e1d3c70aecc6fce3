using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CityCoop.Infrastructure.Mail;

/// <summary>Sends over SMTP with MailKit, one fresh <see cref="SmtpClient"/> per message (a client is not thread-safe), securing the connection exactly as configured.</summary>
public sealed class MailKitSender : IMailSender
{
    private readonly MailOptions _options;

    /// <summary>Creates the sender.</summary>
    /// <exception cref="OptionsValidationException">The options name no host or an unsafe combination.</exception>
    public MailKitSender(IOptions<MailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var errors = _options.Validate().ToList();
        if (!_options.IsSmtpConfigured)
        {
            errors.Add("Mail:Host is empty; MailKitSender needs an SMTP server.");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(MailOptions.SectionName, typeof(MailOptions), errors);
        }
    }

    /// <summary>The MailKit socket option of a security mode; StartTls maps to <see cref="SecureSocketOptions.StartTls"/> (required), never to "when available".</summary>
    public static SecureSocketOptions SocketOptionsOf(MailSecurity security) => security switch
    {
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    /// <summary>Connects, authenticates when credentials are configured, sends and disconnects.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The server cannot be reached.</exception>
    /// <exception cref="SmtpCommandException">The server refused the message.</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        await client.ConnectAsync(_options.Host!, _options.EffectivePort, SocketOptionsOf(_options.Security), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
