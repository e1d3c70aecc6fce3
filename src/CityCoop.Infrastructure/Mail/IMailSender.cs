using MimeKit;

namespace CityCoop.Infrastructure.Mail;

/// <summary>Delivers one message: over SMTP (<see cref="MailKitSender"/>) or as an .eml file when no server is configured (<see cref="EmlFileSender"/>).</summary>
public interface IMailSender
{
    /// <summary>Sends the message; throws when it could not be delivered, so the caller can retry.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
